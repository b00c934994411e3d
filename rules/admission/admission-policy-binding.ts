// A ValidatingAdmissionPolicy does nothing until a binding selects it, and a binding naming a policy
// that does not exist does nothing either; a policy with `paramKind` bound without `paramRef` fails
// every request it matches (then `failurePolicy` decides: Fail rejects them all). Across the
// workspace; the policy or binding may live elsewhere, which the message says.

import { defineRule, keyAt, nodeAt } from '../../server/src/engine';
import { admissionPolicies, policyBindings } from './policy-facts';

export default defineRule({
  id: 'admission-policy-binding',
  meta: {
    title: 'Admission policies and their bindings must match',
    description: 'A ValidatingAdmissionPolicy needs a binding, a binding must name a policy of the workspace, and a policy with paramKind must be bound with paramRef.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    scope: 'workspace',
    reads: [admissionPolicies, policyBindings],
    fix: 'none',
    messages: {
      unbound: 'ValidatingAdmissionPolicy "{name}" has no binding in the workspace, so it validates nothing',
      missingPolicy: 'ValidatingAdmissionPolicyBinding "{name}" binds "{policy}", which is not in the workspace',
      missingParamRef: 'policy "{policy}" takes parameters (paramKind), but this binding has no paramRef: every request it matches fails',
    },
    hint: 'Policies and bindings are matched by `spec.policyName`; a binding of a policy with `paramKind` must say where its parameters are (`paramRef`).',
  },
  check(ctx) {
    if (ctx.partial) return;
    const policies = ctx.workspace.facts(admissionPolicies);
    const bindings = ctx.workspace.facts(policyBindings);
    for (const policy of ctx.facts(admissionPolicies)) {
      if (bindings.some((b) => b.policyName === policy.name || b.policyName === undefined)) continue;
      ctx.report({ node: ctx.resource.anchor, messageId: 'unbound', data: { name: policy.name } });
    }
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
