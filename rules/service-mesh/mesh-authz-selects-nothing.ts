// Service mesh: an AuthorizationPolicy whose selector matches no workload of the namespaces it can
// apply to, while they have workloads in the workspace, protects nothing — usually a label typo.
// Information only: the workload may be deployed from elsewhere.

import { defineRule, keyAt } from '../../server/src/engine';
import { workloads } from '../network/facts';
import { authorizationPolicies } from './facts';
import { appliedTo } from './selection';

export default defineRule({
  id: 'mesh-authz-selects-nothing',
  meta: {
    title: 'AuthorizationPolicies should select some workload',
    description: 'An AuthorizationPolicy whose selector matches no workload of its namespace in the workspace, while that namespace has workloads, protects nothing.',
    category: 'service-mesh',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['AuthorizationPolicy'],
    scope: 'workspace',
    reads: [authorizationPolicies, workloads],
    fix: 'none',
    messages: { selectsNothing: 'AuthorizationPolicy "{name}" selects no workload of its namespace' },
  },
  check(ctx) {
    const [policy] = ctx.facts(authorizationPolicies);
    if (!policy || ctx.partial || policy.selector === null || policy.selector.unknown || policy.namespaceUnknown) return;
    const applied = appliedTo(ctx.workspace, policy);
    if (applied.workloads.length > 0 || applied.unknown || applied.candidates === 0) return;
    const node = keyAt(ctx.resource.doc, ctx.resource.root, ['spec', 'selector']) ?? ctx.resource.anchor;
    ctx.report({ node, messageId: 'selectsNothing', data: { name: policy.name || '(unnamed)' } });
  },
});
