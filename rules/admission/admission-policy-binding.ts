// A binding naming a policy that does not exist does nothing; a policy with `paramKind` bound without `paramRef` fails
// every request it matches (then `failurePolicy` decides: Fail rejects them all). Across the
// workspace; the policy or binding may live elsewhere, which the message says.

import { defineRule, keyAt, nodeAt } from '../../server/src/engine';
import { admissionPolicies, policyBindings } from './policy-facts';

export default defineRule({
  id: 'admission-policy-binding',
  meta: {
    title: 'Admission policy bindings must name an existing policy, with its parameters',
    description: 'A ValidatingAdmissionPolicyBinding must name a policy of the workspace, and bind a policy with paramKind with paramRef.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['ValidatingAdmissionPolicyBinding'],
    scope: 'workspace',
    reads: [admissionPolicies, policyBindings],
    fix: 'none',
    messages: {
      missingPolicy: 'ValidatingAdmissionPolicyBinding "{name}" binds "{policy}", which is not in the workspace',
      missingParamRef: 'policy "{policy}" takes parameters (paramKind), but this binding has no paramRef: every request it matches fails',
    },
    hint: 'Policies and bindings are matched by `spec.policyName`; a binding of a policy with `paramKind` must say where its parameters are (`paramRef`).',
  },
  check(ctx) {
    if (ctx.partial) return;
    const policies = ctx.workspace.facts(admissionPolicies);
    for (const binding of ctx.facts(policyBindings)) {
      if (binding.policyName === undefined) continue;
      const named = policies.filter((p) => p.name === binding.policyName);
      const node = nodeAt(ctx.resource.doc, ctx.resource.root, ['spec', 'policyName']) ?? ctx.resource.anchor;
      if (named.length === 0) ctx.report({ node, messageId: 'missingPolicy', data: { name: binding.name, policy: binding.policyName } });
      else if (named.some((p) => p.paramKind) && !binding.paramRef) {
        const spec = keyAt(ctx.resource.doc, ctx.resource.root, ['spec']) ?? ctx.resource.anchor;
        ctx.report({ node: spec, messageId: 'missingParamRef', data: { policy: binding.policyName } });
      }
    }
  },
});
