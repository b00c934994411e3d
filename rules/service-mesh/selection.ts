// Which workloads of the workspace an Istio policy applies to: a selector-less policy applies to its
// namespace (to the whole mesh in the root namespace), a selector to the matching workloads of its
// namespace (of every namespace in the root namespace). Undefined answers are unknown.

import { matches, WorkspaceView } from '../../server/src/engine';
import type { Tri } from '../../server/src/engine';
import { hasUnknown, WorkloadFact, workloads } from '../network/facts';
import { rootNamespace } from './facts';
import type { AuthzFact } from './facts';

export function appliesTo(policy: Pick<AuthzFact, 'namespace' | 'namespaceUnknown' | 'selector'>, workload: WorkloadFact): Tri {
  if (policy.namespaceUnknown || workload.namespaceUnknown) return undefined;
  if (policy.namespace !== rootNamespace && policy.namespace !== workload.namespace) return false;
  if (policy.selector === null) return true;
  if (policy.selector.unknown) return undefined;
  return matches(policy.selector, workload.labels);
}

export interface Applied {
  /** Workloads the policy certainly applies to. */
  workloads: WorkloadFact[];
  unknown: boolean;
  /** Workloads of the namespaces the policy can apply to. */
  candidates: number;
}

export function appliedTo(view: WorkspaceView, policy: Pick<AuthzFact, 'namespace' | 'namespaceUnknown' | 'selector'>): Applied {
  const out: Applied = { workloads: [], unknown: false, candidates: 0 };
  const scope = policy.namespaceUnknown || policy.namespace === rootNamespace ? '*' : policy.namespace;
  for (const workload of view.facts(workloads, scope)) {
    if (workload.namespaceUnknown) {
      out.unknown = true;
      continue;
    }
    if (policy.namespace !== rootNamespace && workload.namespace !== policy.namespace) continue;
    out.candidates++;
    const applies = hasUnknown(workload) ? undefined : appliesTo(policy, workload);
    if (applies === true) out.workloads.push(workload);
    else if (applies === undefined) out.unknown = true;
  }
  return out;
}
