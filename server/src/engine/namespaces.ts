// Pod Security levels set per namespace by the `pod-security.kubernetes.io/enforce` and
// `enforce-version` labels of Namespace manifests, found in the file or elsewhere in the workspace.

import { nodeAt } from './yaml-ast';
import { Resource, stringMap } from './resources';
import { PodSecurityLevel } from './rule';
import { latestMinor, parseMinor } from './version';

export interface NamespacePolicy {
  namespace: string;
  level?: PodSecurityLevel;
  minor?: number;
}

export type NamespacePolicies = ReadonlyMap<string, NamespacePolicy>;

const levels = new Set(['privileged', 'baseline', 'restricted']);

export function namespacePolicyOf(resource: Resource): NamespacePolicy | undefined {
  if (resource.kind !== 'Namespace' || resource.apiVersion !== 'v1' || !resource.name) return undefined;
  const labels = stringMap(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']), 'labels');
  const level = labels.get('pod-security.kubernetes.io/enforce')?.value;
  const version = labels.get('pod-security.kubernetes.io/enforce-version')?.value;
  // As Pod Security Admission does: an invalid level means restricted, an invalid version latest.
  return {
    namespace: resource.name,
    level: level === undefined ? undefined : levels.has(level) ? (level as PodSecurityLevel) : 'restricted',
    minor: version === undefined ? undefined : /^(v1\.\d+|latest)$/.test(version) ? parseMinor(version) : latestMinor,
  };
}

export function namespacePolicies(resources: Iterable<Resource>): Map<string, NamespacePolicy> {
  const out = new Map<string, NamespacePolicy>();
  for (const resource of resources) {
    const policy = namespacePolicyOf(resource);
    if (policy) out.set(policy.namespace, policy);
  }
  return out;
}
