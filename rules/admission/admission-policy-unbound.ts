// A ValidatingAdmissionPolicy validates nothing until a binding names it. Information only: policy
// libraries ship policies without bindings on purpose, and bindings may live in another repository.

import { defineRule } from '../../server/src/engine';
import { admissionPolicies, policyBindings } from './policy-facts';

export default defineRule({
  id: 'admission-policy-unbound',
  meta: {
    title: 'Admission policies should have a binding',
    description: 'A ValidatingAdmissionPolicy that no ValidatingAdmissionPolicyBinding of the workspace names validates nothing.',
    category: 'admission',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['ValidatingAdmissionPolicy'],
    scope: 'workspace',
    reads: [admissionPolicies, policyBindings],
    fix: 'none',
    messages: { unbound: 'ValidatingAdmissionPolicy "{name}" has no binding in the workspace, so it validates nothing' },
    hint: 'Bind it with a ValidatingAdmissionPolicyBinding whose `spec.policyName` is its name.',
  },
  check(ctx) {
    if (ctx.partial) return;
    const bindings = ctx.workspace.facts(policyBindings);
    for (const policy of ctx.facts(admissionPolicies)) {
      // A templated policyName may name this policy.
      if (bindings.some((b) => b.policyName === policy.name || b.policyName === undefined)) continue;
      ctx.report({ node: ctx.resource.anchor, messageId: 'unbound', data: { name: policy.name } });
    }
  },
});
