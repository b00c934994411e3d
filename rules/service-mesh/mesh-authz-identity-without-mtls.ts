// Service mesh: `principals` and `namespaces` of an AuthorizationPolicy source are read from the
// peer's mTLS certificate. On a workload that accepts plaintext (effective mTLS mode not STRICT) a
// plaintext request has no identity: a DENY on principals or namespaces (or an ALLOW on their `not`
// forms) lets it through, and an ALLOW on them refuses it. Reported where the workspace configures
// PeerAuthentication, for the workloads of the workspace the policy applies to.

import { defineRule, keyAt } from '../../server/src/engine';
import { workloads } from '../network/facts';
import { authorizationPolicies, peerAuthentications } from './facts';
import { rulesOf } from './authz';
import { hasPeerAuthentication, workloadMtls } from './mtls';
import { appliedTo } from './selection';

const fields = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'];

/** True when plaintext requests (no identity) slip past the rule rather than being refused. */
function bypassed(action: string, field: string): boolean {
  const negative = field.startsWith('not');
  return action === 'ALLOW' ? negative : !negative;
}

export default defineRule({
  id: 'mesh-authz-identity-without-mtls',
  meta: {
    title: 'AuthorizationPolicy identities need STRICT mutual TLS',
    description:
      'Source principals and namespaces come from the mTLS certificate: on a workload that also accepts plaintext, requests without one escape DENY rules on them, or are refused by ALLOW rules.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['AuthorizationPolicy'],
    scope: 'workspace',
    reads: [authorizationPolicies, peerAuthentications, workloads],
    fix: 'none',
    messages: {
      bypassed: '{field} of "{name}" cannot stop plaintext requests: "{workload}" accepts them (mTLS {mode})',
      refused: '{field} of "{name}" refuses every plaintext request that "{workload}" accepts (mTLS {mode})',
    },
  },
  check(ctx) {
    const [policy] = ctx.facts(authorizationPolicies);
    if (!policy || ctx.partial || policy.targeted || !policy.action || policy.action === 'CUSTOM' || !hasPeerAuthentication(ctx.workspace)) return;
    const applied = appliedTo(ctx.workspace, policy);
    let weak: { name: string; mode: string } | undefined;
    for (const workload of applied.workloads) {
      const mtls = workloadMtls(ctx.workspace, workload);
      if (mtls && mtls.mode !== 'STRICT') {
        weak = { name: workload.name || workload.kind, mode: mtls.mode };
        break;
      }
    }
    if (!weak) return;
    for (const rule of rulesOf(ctx.resource)) {
      if (!rule.rule) continue;
      for (const source of rule.sources) {
        for (const field of fields) {
          const key = keyAt(ctx.resource.doc, source, [field]);
          if (!key) continue;
          const messageId = bypassed(policy.action, field) ? 'bypassed' : 'refused';
          ctx.report({ node: key, messageId, data: { field, name: policy.name || '(unnamed)', workload: weak.name, mode: weak.mode } });
        }
      }
    }
  },
});
