// Network: a policy whose selector matches no workload of its namespace, while that namespace has
// workloads, protects nothing — usually a typo in a label. Information only: the workload may be
// deployed from elsewhere.

import { defineRule, keyAt } from '../../server/src/engine';
import { selection } from './coverage';
import { policies, workloads } from './facts';

export default defineRule({
  id: 'network-policy-selects-nothing',
  meta: {
    title: 'Network policies should select some workload',
    description: 'A NetworkPolicy or Cilium policy whose selector matches no workload of its namespace in the workspace, while that namespace has workloads, protects nothing.',
    category: 'network',
    severity: 'info',
    equivalents: { kubeLinter: ['dangling-networkpolicy'] },
    compliance: 'none',
    kinds: ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'],
    scope: 'workspace',
    reads: [workloads, policies],
    fix: 'none',
    messages: { selectsNothing: '{kind} "{name}" selects no workload of its namespace' },
  },
  check(ctx) {
    // A patch of a policy may leave its selector to the policy it patches.
    if (ctx.partial) return;
    for (const policy of ctx.facts(policies)) {
      if (policy.selector.unknown) continue;
      const found = selection(ctx.workspace, policy);
      if (found.selected.length > 0 || found.unknown || found.candidates === 0) continue;
      const node = keyAt(ctx.resource.doc, ctx.resource.root, policy.selectorPath) ?? ctx.resource.anchor;
      ctx.report({ node, messageId: 'selectsNothing', data: { kind: policy.kind, name: policy.name || '(unnamed)' } });
    }
  },
});
