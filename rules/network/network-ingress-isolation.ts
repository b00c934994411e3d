// Network: a workload whose pods no NetworkPolicy (or Cilium policy) of the workspace isolates for
// ingress accepts connections from every pod of the cluster. Needs the whole workspace: the policy
// usually lives in another file. Suggests an `allow-<name>` policy, appended or in a new file.

import { appendDocument, defineRule, eolOf, Suggestion } from '../../server/src/engine';
import { isolation, policiesFor } from './coverage';
import { hasUnknown, policies, workloads } from './facts';
import { concreteLabels, declaredPorts, isolationPolicyText, policyName } from './generate';

export default defineRule({
  id: 'network-ingress-isolation',
  meta: {
    title: 'Workloads must be isolated for ingress by a NetworkPolicy',
    description: 'A workload whose pods no NetworkPolicy of the workspace selects for ingress accepts connections from every pod of the cluster.',
    category: 'network',
    severity: 'warning',
    equivalents: { checkov: ['CKV2_K8S_6'], kubeLinter: ['non-isolated-pod'], polaris: ['missingNetworkPolicy'], kubescape: ['C-0260', 'C-0030'] },
    compliance: { cis: ['5.3.2'], nsa: ['network-policies'] },
    kinds: 'workload',
    scope: 'workspace',
    reads: [workloads, policies],
    fix: 'suggestion',
    messages: { notIsolated: '{kind} "{name}" is not isolated for ingress by any NetworkPolicy' },
  },
  check(ctx) {
    const [fact] = ctx.facts(workloads);
    // A patch is no workload of its own: the resource it patches is checked where it is declared.
    if (!fact || !ctx.workload || ctx.partial) return;
    // A templated label or namespace is unknown; such a workload usually comes from a chart whose
    // policies are templates too, which are not read: never a finding.
    if (hasUnknown(fact)) return;
    if (isolation(ctx.workspace, fact, 'ingress').isolated !== false) return;
    const suggestions: Suggestion[] = [];
    const labels = concreteLabels(fact.labels);
    // Without labels no policy can select exactly this workload's pods; a person has to add some first.
    if (labels) {
      const name = fact.name || fact.kind.toLowerCase();
      // NetworkPolicy names already used in the namespace: applying a policy of the same name would replace it.
      const taken = new Set(
        policiesFor(ctx.workspace, fact)
          .filter((p) => p.kind === 'NetworkPolicy' && p.namespace === fact.namespace)
          .map((p) => p.name),
      );
      const input = { workloadName: name, namespace: fact.namespaceUnknown ? null : fact.namespace, labels, ports: declaredPorts(ctx.workload), taken };
      const file = `${policyName('', name)}-network-policy.yaml`;
      suggestions.push(
        { title: `Add a NetworkPolicy for ${name}`, fix: (parsed) => appendDocument(parsed.text, isolationPolicyText(input)) },
        { title: `Add a NetworkPolicy for ${name} in a new file ${file}`, fix: () => [], files: (parsed) => [{ path: file, mode: 'create', text: isolationPolicyText(input, eolOf(parsed.text)) }] },
      );
    }
    ctx.report({ node: ctx.resource.anchor, messageId: 'notIsolated', data: { kind: fact.kind, name: fact.name || '(unnamed)' }, suggestions });
  },
});
