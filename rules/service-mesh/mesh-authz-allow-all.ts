// Service mesh: in an ALLOW AuthorizationPolicy an empty rule (`rules: [{}]`) matches every request,
// so the policy allows everything to the workloads it selects — the opposite of `spec: {}`, which
// allows nothing. Often written for "deny all" by mistake.

import { defineRule, keyAt } from '../../server/src/engine';
import { authorizationPolicies } from './facts';
import { isEmptyRule, rulesOf } from './authz';

export default defineRule({
  id: 'mesh-authz-allow-all',
  meta: {
    title: 'AuthorizationPolicy ALLOW rules must not match every request',
    description: 'An ALLOW AuthorizationPolicy with an empty rule allows every request to the workloads it selects, from any source, inside or outside the mesh.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['AuthorizationPolicy'],
    scope: 'document',
    fix: 'none',
    messages: { allowsAll: 'empty rule of ALLOW policy "{name}" allows every request' },
  },
  check(ctx) {
    const [policy] = ctx.facts(authorizationPolicies);
    if (!policy || policy.action !== 'ALLOW') return;
    for (const { rule, node } of rulesOf(ctx.resource)) {
      if (!isEmptyRule(ctx.resource, rule)) continue;
      // A bare `-` is a null rule with no text of its own: reported on the `rules` key.
      const empty = !node.range || node.range[1] === node.range[0];
      const at = empty ? (keyAt(ctx.resource.doc, ctx.resource.root, ['spec', 'rules']) ?? node) : node;
      ctx.report({ node: at, messageId: 'allowsAll', data: { name: policy.name || '(unnamed)' } });
    }
  },
});
