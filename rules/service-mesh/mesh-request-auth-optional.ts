// Service mesh: a RequestAuthentication only rejects requests with an invalid JWT; a request without
// any token passes. Unless an AuthorizationPolicy for the same workloads requires a request principal
// (ALLOW with requestPrincipals, or DENY of notRequestPrincipals ["*"]), the token is optional.

import { defineRule, keyAt, matches, Selector, WorkspaceView } from '../../server/src/engine';
import type { Tri } from '../../server/src/engine';
import { workloads } from '../network/facts';
import { AuthzFact, authorizationPolicies, RequestAuthFact, requestAuthentications, rootNamespace } from './facts';
import { appliedTo } from './selection';

function labelsOf(selector: Selector): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const r of selector.requirements) {
    if (r.operator !== 'In' || r.values.length !== 1) return undefined;
    out[r.key] = r.values[0];
  }
  return out;
}

/** Whether the policy applies to every workload the RequestAuthentication does. */
function covers(view: WorkspaceView, policy: AuthzFact, auth: RequestAuthFact): Tri {
  if (policy.namespaceUnknown || policy.targeted || policy.selector?.unknown) return undefined;
  if (policy.namespace !== rootNamespace && policy.namespace !== auth.namespace) return false;
  if (policy.selector === null) return true;
  if (auth.selector === null) return false;
  // The policy's labels are all among the RequestAuthentication's: it selects at least the same pods.
  const labels = labelsOf(auth.selector);
  if (labels && matches(policy.selector, { values: labels, unknown: false }) === true) return true;
  const selected = appliedTo(view, auth);
  return selected.workloads.length > 0 && selected.workloads.every((w) => matches(policy.selector!, w.labels) === true) ? true : undefined;
}

export default defineRule({
  id: 'mesh-request-auth-optional',
  meta: {
    title: 'RequestAuthentication should be paired with a policy that requires a token',
    description: 'A RequestAuthentication rejects invalid JWTs but lets requests without a token through unless an AuthorizationPolicy requires a request principal.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['RequestAuthentication'],
    scope: 'workspace',
    reads: [requestAuthentications, authorizationPolicies, workloads],
    fix: 'none',
    messages: { optional: 'RequestAuthentication "{name}" makes a token optional: no AuthorizationPolicy requires requestPrincipals' },
  },
  check(ctx) {
    const [auth] = ctx.facts(requestAuthentications);
    if (!auth || ctx.partial || auth.targeted || auth.namespaceUnknown || auth.selector?.unknown) return;
    let covered: Tri = false;
    for (const policy of ctx.workspace.facts(authorizationPolicies, auth.namespace)) {
      if (!policy.requiresToken) continue;
      const result = covers(ctx.workspace, policy, auth);
      if (result === true) return;
      if (result === undefined) covered = undefined;
    }
    if (covered !== false) return;
    const node = keyAt(ctx.resource.doc, ctx.resource.root, ['spec', 'jwtRules']) ?? ctx.resource.anchor;
    ctx.report({ node, messageId: 'optional', data: { name: auth.name || '(unnamed)' } });
  },
});
