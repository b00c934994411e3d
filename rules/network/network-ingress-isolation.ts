// Network: a workload whose pods no NetworkPolicy (or Cilium policy) of the workspace isolates for
// ingress accepts connections from every pod of the cluster. Needs the whole workspace: the policy
// usually lives in another file. Suggests a policy that admits the callers found in the workspace
// (or the whole namespace when none is found), right after the workload or in a new file.

import { defineRule, eolOf, ParsedFile, Resource, Suggestion, WorkspaceView, Workload, appendDocument, insertDocumentAfter, deref } from '../../server/src/engine';
import { callers as callerFacts, configMaps, routes, services } from './call-facts';
import { callersPolicyText, namespacePolicyText, PolicyInput } from './caller-policy';
import { Caller, inferCallers } from './callers';
import { isolation, policiesFor } from './coverage';
import { hasUnknown, policies, WorkloadFact, workloads } from './facts';
import { concreteLabels, declaredPorts, isolationPolicyText, policyName } from './generate';

/** Inserts the policy right after the workload's document, where the user sees it; appended for an item of a List. */
function besideWorkload(resource: Resource, policy: (eol: string) => string) {
  return (parsed: ParsedFile) => {
    const own = deref(resource.doc, resource.doc.contents) === resource.root;
    const text = policy(eolOf(parsed.text));
    return own ? insertDocumentAfter(parsed.text, resource.doc.range[2], text) : appendDocument(parsed.text, text);
  };
}

function names(list: readonly Caller[]): string {
  const labels = [...new Set(list.map((c) => c.label))];
  return labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more`;
}

function portsOf(list: readonly Caller[]): string {
  const ports = [...new Set(list.flatMap((c) => c.ports.map((p) => String(p.port))))];
  return ports.length === 0 ? 'any port' : ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.join(', ')}`;
}

function suggestionsFor(view: WorkspaceView, resource: Resource, workload: Workload, fact: WorkloadFact, labels: Record<string, string>): Suggestion[] {
  const name = fact.name || fact.kind.toLowerCase();
  // NetworkPolicy names already used in the namespace: applying a policy of the same name would replace it.
  const taken = new Set(
    policiesFor(view, fact)
      .filter((p) => p.kind === 'NetworkPolicy' && p.namespace === fact.namespace)
      .map((p) => p.name),
  );
  const input: PolicyInput = { workloadName: name, namespace: fact.namespaceUnknown ? null : fact.namespace, labels, taken };
  const ports = declaredPorts(workload);
  const found = inferCallers(view, fact, ports);
  const file = `${policyName('', name)}-network-policy.yaml`;
  const offer = (title: string, policy: (eol: string) => string): Suggestion[] => [
    { title, fix: besideWorkload(resource, policy), reveal: true },
    { title: `${title}, in a new file ${file}`, fix: () => [], files: (parsed) => [{ path: file, mode: 'create', text: policy(eolOf(parsed.text)) }], reveal: true },
  ];
  const ownPods = (eol: string) => isolationPolicyText({ ...input, workloadName: name, ports }, eol);
  if (found.length === 0) {
    return [
      ...offer(`Add a NetworkPolicy for ${name} admitting its whole namespace (no caller found in the workspace)`, (eol) => namespacePolicyText(input, ports, eol)),
      { title: `Add a NetworkPolicy for ${name} admitting only its own pods (denies every other caller)`, fix: besideWorkload(resource, ownPods), reveal: true },
    ];
  }
  return offer(`Add a NetworkPolicy for ${name} admitting ${names(found)} on ${portsOf(found)}`, (eol) => callersPolicyText(input, found, eol));
}

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
    reads: [workloads, policies, services, routes, callerFacts, configMaps],
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
    const labels = concreteLabels(fact.labels);
    // Without labels no policy can select exactly this workload's pods; a person has to add some first.
    const suggestions = labels ? suggestionsFor(ctx.workspace, ctx.resource, ctx.workload, fact, labels) : [];
    ctx.report({ node: ctx.resource.anchor, messageId: 'notIsolated', data: { kind: fact.kind, name: fact.name || '(unnamed)' }, suggestions });
  },
});
