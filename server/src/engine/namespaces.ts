// Pod Security levels set per namespace by the `pod-security.kubernetes.io/enforce` and
// `enforce-version` labels of Namespace manifests, found in the file or elsewhere in the workspace.

import { PodSecurityLevel } from './rule';
import { latestMinor, parseMinor } from './version';

export interface NamespacePolicy {
  namespace: string;
  level?: PodSecurityLevel;
  minor?: number;
}

export type NamespacePolicies = ReadonlyMap<string, NamespacePolicy>;

const levels = new Set(['privileged', 'baseline', 'restricted']);

/** The policy of a Namespace resource (identity and labels), or undefined for anything else. */
export function namespacePolicyOf(resource: { kind: string; apiVersion: string; name: string; labels: Readonly<Record<string, string>> }): NamespacePolicy | undefined {
  if (resource.kind !== 'Namespace' || resource.apiVersion !== 'v1' || !resource.name) return undefined;
  const level = resource.labels['pod-security.kubernetes.io/enforce'];
  const version = resource.labels['pod-security.kubernetes.io/enforce-version'];
  // As Pod Security Admission does: an invalid level means restricted, an invalid version latest.
  return {
    namespace: resource.name,
    level: level === undefined ? undefined : levels.has(level) ? (level as PodSecurityLevel) : 'restricted',
    minor: version === undefined ? undefined : /^(v1\.\d+|latest)$/.test(version) ? parseMinor(version) : latestMinor,
  };
}

/** A short, stable text of the policies, for cache keys. */
export function policiesSignature(policies: NamespacePolicies): string {
  return [...policies.values()]
    .map((p) => `${p.namespace}=${p.level ?? ''}@${p.minor ?? ''}`)
    .sort()
    .join(',');
}
