// Which policies select which workloads, in Kubernetes' terms: a NetworkPolicy selects the pods of
// its own namespace that its podSelector matches; a Cilium clusterwide policy selects pods of every
// namespace. Answers are three-valued: undefined (unknown, templated) never becomes a finding.

import { and, Labels, matches, Tri, WorkspaceView } from '../../server/src/engine';
import { NamespaceRef, PolicyFact, policies, WorkloadFact, workloads } from './facts';

export type Direction = 'ingress' | 'egress';

/** The label Cilium gives every endpoint for its namespace; clusterwide selectors often use it. */
const ciliumNamespaceLabel = 'io.kubernetes.pod.namespace';
const ciliumDerived = /^(?:io\.cilium\.|reserved:)/;

function sameNamespace(policy: PolicyFact, workload: NamespaceRef): Tri {
  if (policy.clusterwide) return true;
  if (policy.namespaceUnknown || workload.namespaceUnknown) return undefined;
  return policy.namespace === workload.namespace;
}

function podLabels(policy: PolicyFact, workload: WorkloadFact): Labels {
  if (policy.kind === 'NetworkPolicy') return workload.labels;
  // Cilium endpoints also carry their namespace as a label, and labels Cilium derives itself
  // (`io.cilium.k8s.policy.serviceaccount`, `reserved:…`): those are unknown here, never a mismatch.
  const known = workload.namespace !== null && !workload.namespaceUnknown;
  const derived: Record<string, null> = {};
  for (const requirement of policy.selector.requirements) if (ciliumDerived.test(requirement.key)) derived[requirement.key] = null;
  return { values: { ...workload.labels.values, ...derived, [ciliumNamespaceLabel]: known ? workload.namespace : null }, unknown: workload.labels.unknown };
}

/** Whether a policy selects a workload's pods. */
export function selects(policy: PolicyFact, workload: WorkloadFact): Tri {
  const namespace = sameNamespace(policy, workload);
  if (namespace === false) return false;
  return and(namespace, matches(policy.selector, podLabels(policy, workload)));
}

/** The namespace to query the model with: any for a templated namespace. */
function queryKey(ref: NamespaceRef) {
  return ref.namespaceUnknown ? '*' : ref.namespace;
}

/** Policies that may select pods of this namespace: its own, clusterwide ones, and those of a templated namespace. */
export function policiesFor(view: WorkspaceView, namespace: NamespaceRef): readonly PolicyFact[] {
  return view.facts(policies, queryKey(namespace));
}

/** Workloads that may be in this namespace: its own, and those of a templated namespace. */
export function workloadsFor(view: WorkspaceView, namespace: NamespaceRef): readonly WorkloadFact[] {
  return view.facts(workloads, queryKey(namespace));
}

export interface Isolation {
  /** True when some policy certainly isolates the workload, false when none can, undefined when unknown. */
  isolated: Tri;
  /** The policies that select the workload (certainly or possibly), whatever the direction. */
  selecting: Array<{ policy: PolicyFact; certain: boolean }>;
}

export function isolation(view: WorkspaceView, workload: WorkloadFact, direction: Direction): Isolation {
  let isolated: Tri = false;
  const selecting: Isolation['selecting'] = [];
  for (const policy of policiesFor(view, workload)) {
    const selected = selects(policy, workload);
    if (selected === false) continue;
    selecting.push({ policy, certain: selected === true });
    const result = and(selected, policy[direction]);
    if (result === true) isolated = true;
    else if (result === undefined && isolated === false) isolated = undefined;
  }
  return { isolated, selecting };
}

export interface Selection {
  /** Workloads the policy certainly selects. */
  selected: WorkloadFact[];
  /** True when some workload may be selected but it cannot be known (templated labels or namespaces). */
  unknown: boolean;
  /** Workloads in the policy's namespace (or anywhere, for a clusterwide policy). */
  candidates: number;
}

export function selection(view: WorkspaceView, policy: PolicyFact): Selection {
  const out: Selection = { selected: [], unknown: false, candidates: 0 };
  for (const workload of workloadsFor(view, policy.clusterwide ? { namespace: null, namespaceUnknown: true } : policy)) {
    const namespace = sameNamespace(policy, workload);
    if (namespace === false) continue;
    if (namespace === true) out.candidates++;
    const selected = selects(policy, workload);
    if (selected === true) out.selected.push(workload);
    else if (selected === undefined) out.unknown = true;
  }
  return out;
}

/** Whether a namespace has a default-deny ingress policy (or a clusterwide one that denies all ingress). */
export function hasDefaultDenyIngress(view: WorkspaceView, namespace: string): Tri {
  let result: Tri = false;
  for (const policy of policiesFor(view, { namespace, namespaceUnknown: false })) {
    if (!policy.denyAllIngress) continue;
    if (policy.clusterwide || policy.namespace === namespace) return true;
    result = undefined;
  }
  return result;
}
