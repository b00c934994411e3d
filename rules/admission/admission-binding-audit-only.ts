// A binding whose validationActions leave out Deny only warns or audits: requests that break the
// policy are admitted. Often intended while a policy is rolled out, hence information only.

import { asSeq, defineRule, isScalar, nodeAt } from '../../server/src/engine';
import { policyApi } from './admission-policy-cel';

export default defineRule({
  id: 'admission-binding-audit-only',
  meta: {
    title: 'Admission policy bindings should deny',
    description: 'A ValidatingAdmissionPolicyBinding whose validationActions do not include Deny admits every request that breaks the policy.',
    category: 'admission',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['ValidatingAdmissionPolicyBinding'],
    scope: 'document',
    fix: 'none',
    messages: { auditOnly: 'validationActions [{actions}] do not include Deny: requests that break policy "{policy}" are admitted' },
    hint: 'Add `Deny` once the warnings and audit events show the policy is safe to enforce.',
  },
  check(ctx) {
    if (!policyApi.test(ctx.resource.apiVersion)) return;
    const node = nodeAt(ctx.resource.doc, ctx.resource.root, ['spec', 'validationActions']);
    const items = asSeq(node)?.items;
    // Missing or empty: the API server rejects the binding (validationActions is required), which the schema rules report.
    if (!node || !items?.length || !items.every((i) => isScalar(i) && typeof i.value === 'string')) return;
    const actions = items.map((i) => String((i as { value: string }).value));
    if (actions.includes('Deny') || actions.some((a) => /\{\{|\$\{/.test(a))) return;
    const policy = nodeAt(ctx.resource.doc, ctx.resource.root, ['spec', 'policyName']);
    ctx.report({ node, messageId: 'auditOnly', data: { actions: actions.join(', '), policy: isScalar(policy) ? String(policy.value) : '' } });
  },
});
