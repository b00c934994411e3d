// Network: a Namespace without a default-deny ingress policy leaves every new workload of that
// namespace open until someone writes a policy for it. Information; suggests the policy.

import { appendDocument, defineRule, eolOf, isTemplatedText } from '../../server/src/engine';
import { hasDefaultDenyIngress } from './coverage';
import { policies } from './facts';
import { defaultDenyPolicyText, policyName } from './generate';

export default defineRule({
  id: 'network-namespace-default-deny',
  meta: {
    title: 'Namespaces should have a default-deny ingress policy',
    description: 'A Namespace whose namespace has no NetworkPolicy that selects every pod and allows no ingress leaves new workloads open by default.',
    category: 'network',
    severity: 'info',
    equivalents: { kubescape: ['C-0206', 'C-0054'] },
    compliance: { cis: ['5.3.2'], nsa: ['network-policies'] },
    kinds: ['Namespace'],
    scope: 'workspace',
    reads: [policies],
    fix: 'suggestion',
    messages: { noDefaultDeny: 'namespace "{name}" has no default-deny ingress NetworkPolicy' },
  },
  check(ctx) {
    const { name, apiVersion } = ctx.resource;
    // A patch of a Namespace is not a namespace of its own.
    if (ctx.partial) return;
    if (apiVersion !== 'v1' || !name || isTemplatedText(name) || hasDefaultDenyIngress(ctx.workspace, name) !== false) return;
    const file = `${policyName('', name)}-default-deny.yaml`;
    ctx.report({
      node: ctx.resource.anchor,
      messageId: 'noDefaultDeny',
      data: { name },
      suggestions: [
        { title: 'Add a default-deny policy', fix: (parsed) => appendDocument(parsed.text, defaultDenyPolicyText(name)) },
        { title: `Add a default-deny policy in a new file ${file}`, fix: () => [], files: (parsed) => [{ path: file, mode: 'create', text: defaultDenyPolicyText(name, eolOf(parsed.text)) }] },
      ],
    });
  },
});
