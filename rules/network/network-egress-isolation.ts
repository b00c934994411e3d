// Network: a workload whose pods no policy isolates for egress may connect anywhere. Off by default
// (many clusters restrict egress elsewhere); enabled by giving it a severity in the settings.

import { defineRule } from '../../server/src/engine';
import { isolation } from './coverage';
import { hasUnknown, policies, workloads } from './facts';

export default defineRule({
  id: 'network-egress-isolation',
  meta: {
    title: 'Workloads must be isolated for egress by a NetworkPolicy',
    description: 'A workload whose pods no NetworkPolicy of the workspace selects for egress can open connections to any address.',
    category: 'network',
    severity: 'warning',
    equivalents: { polaris: ['missingNetworkPolicy'], kubescape: ['C-0030'] },
    enabledByDefault: false,
    compliance: { cis: ['5.3.2'], nsa: ['network-policies'] },
    kinds: 'workload',
    scope: 'workspace',
    reads: [workloads, policies],
    fix: 'none',
    messages: { notIsolated: '{kind} "{name}" is not isolated for egress by any NetworkPolicy' },
  },
  check(ctx) {
    const [fact] = ctx.facts(workloads);
    // A patch is no workload of its own: the resource it patches is checked where it is declared.
    if (!fact || ctx.partial) return;
    // A templated label or namespace is unknown; such a workload usually comes from a chart whose
    // policies are templates too, which are not read: never a finding.
    if (hasUnknown(fact)) return;
    if (isolation(ctx.workspace, fact, 'egress').isolated !== false) return;
    ctx.report({ node: ctx.resource.anchor, messageId: 'notIsolated', data: { kind: fact.kind, name: fact.name || '(unnamed)' } });
  },
});
