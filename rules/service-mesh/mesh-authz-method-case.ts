// Service mesh: Istio compares HTTP methods case-sensitively and clients send them in upper case, so
// `methods: [get]` matches no request: a DENY with it denies nothing, an ALLOW allows nothing. The
// upper-case method is a safe fix where it only narrows what is allowed (DENY/AUDIT `methods`,
// ALLOW `notMethods`) and a suggestion where it grants access.

import { defineRule, replaceWith } from '../../server/src/engine';
import { authorizationPolicies } from './facts';
import { rulesOf, stringsAt } from './authz';

const standard = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

function narrows(action: string, field: string): boolean {
  return field === 'methods' ? action === 'DENY' || action === 'AUDIT' : action === 'ALLOW';
}

export default defineRule({
  id: 'mesh-authz-method-case',
  meta: {
    title: 'AuthorizationPolicy methods must be upper case',
    description: 'Istio matches HTTP methods case-sensitively, so a method written in lower or mixed case matches no request.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['AuthorizationPolicy'],
    scope: 'document',
    fix: 'safe',
    messages: { methodCase: 'method "{method}" of "{name}" matches no request: Istio compares methods case-sensitively' },
  },
  fixTitles: { methodCase: 'Write the method in upper case' },
  check(ctx) {
    const [policy] = ctx.facts(authorizationPolicies);
    const action = policy?.action;
    if (!policy || !action || action === 'CUSTOM') return;
    for (const rule of rulesOf(ctx.resource)) {
      if (!rule.rule) continue;
      for (const operation of rule.operations) {
        for (const field of ['methods', 'notMethods']) {
          for (const { value, node } of stringsAt(ctx.resource, operation, field)) {
            const upper = value.toUpperCase();
            if (value === upper || !standard.has(upper)) continue;
            const fix = replaceWith(node, upper);
            const safe = narrows(action, field);
            ctx.report({
              node,
              messageId: 'methodCase',
              data: { method: value, name: policy.name || '(unnamed)' },
              ...(safe ? { fix } : { suggestions: [{ title: `Write ${upper} (assumes the rule was meant to match ${upper} requests, which changes what the policy allows)`, fix }] }),
            });
          }
        }
      }
    }
  },
});
