// Pod Security levels set per namespace by the `pod-security.kubernetes.io/enforce` and
// `enforce-version` labels of Namespace manifests, found in the file or elsewhere in the workspace.

import { PodSecurityLevel } from './rule';
import { latestMinor, parseMinor } from './version';

export interface NamespacePolicy {
  namespace: string;
  level?: PodSecurityLevel;
  minor?: number;
}

/**
 * The key of the cluster's default in NamespacePolicies: what the PodSecurity plugin's configuration
 * (`defaults`) enforces in a namespace without labels. `*` is no namespace name.
 */
export const clusterDefaultKey = '*';

/**
 * Cluster-wide Pod Security settings a family reads from a manifest of the workspace (the PodSecurity
 * plugin's configuration): the level and version enforced where a namespace's labels say nothing,
 * and namespaces the plugin does not check at all.
 */
export interface ClusterPodSecurity {
  level?: PodSecurityLevel;
  minor?: number;
  exemptNamespaces: readonly string[];
}

/**
 * The policies of Namespace manifests with the cluster's settings applied: its default under
 * `clusterDefaultKey`, and exempt namespaces as privileged (nothing is checked there, whatever
 * their labels say). When the workspace holds several settings, the first that sets a level (or a
 * version) gives it, and every exemption counts.
 */
export function withClusterSettings(policies: Map<string, NamespacePolicy>, settings: readonly ClusterPodSecurity[]): Map<string, NamespacePolicy> {
  const level = settings.find((s) => s.level !== undefined)?.level;
  const minor = settings.find((s) => s.minor !== undefined)?.minor;
  if (level !== undefined || minor !== undefined) policies.set(clusterDefaultKey, { namespace: clusterDefaultKey, level, minor });
  for (const namespace of settings.flatMap((s) => s.exemptNamespaces)) policies.set(namespace, { namespace, level: 'privileged' });
  return policies;
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
