// Which resources an admission policy applies to, decided offline as the API server decides it for a
// CREATE: resource rules (group, version, resource plural, operation, names), exclusions, the
// namespace selector against the labels of the workspace's Namespace, and the object selector. The
// answer is three-valued: unknown (a Namespace the workspace does not declare, a templated label)
// never produces a finding.

import { and, Labels, matches, parseSelector, Tri } from '../../server/src/engine';

/** The resource under admission, as the API server's request describes it. */
export interface Target {
  group: string;
  version: string;
  kind: string;
  /** The resource's plural (`deployments`). */
  resource: string;
  name: string;
  /** The namespace it is created in; null for a cluster-scoped kind. */
  namespace: string | null;
  /** Labels of that namespace (of the object itself for a Namespace); unknown keys when not in the workspace. */
  namespaceLabels: Labels;
  labels: Labels;
}

/** Plurals that the API server does not form by adding `s`, `es` or `ies`. */
const irregular: Record<string, string> = { endpoints: 'endpoints', podsecuritypolicy: 'podsecuritypolicies' };

/** The resource of a kind, as the API server names it (`NetworkPolicy` → `networkpolicies`). */
export function resourceOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower in irregular) return irregular[lower];
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

const clusterScoped = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CustomResourceDefinition',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'APIService',
  'PodSecurityPolicy',
  'CertificateSigningRequest',
  'VolumeAttachment',
  'ClusterPolicy',
]);

export function isClusterScoped(kind: string): boolean {
  return clusterScoped.has(kind);
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Groups that serve the same resources (matchPolicy Equivalent sends a request through both). */
const equivalentGroups: Record<string, readonly string[]> = {
  deployments: ['apps', 'extensions'],
  daemonsets: ['apps', 'extensions'],
  replicasets: ['apps', 'extensions'],
  ingresses: ['networking.k8s.io', 'extensions'],
  networkpolicies: ['networking.k8s.io', 'extensions'],
};

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const has = (values: string[], value: string) => values.includes('*') || values.includes(value);

/** One `resourceRules` entry (a RuleWithOperations plus resourceNames) against a CREATE of the target. */
function ruleMatches(rule: Record<string, unknown>, t: Target, exact: boolean): boolean {
  const groups = exact ? [t.group] : (equivalentGroups[t.resource] ?? [t.group]);
  if (!groups.some((g) => has(list(rule.apiGroups), g))) return false;
  if (exact && !has(list(rule.apiVersions), t.version)) return false;
  // `pods/*` names the subresources of pods, not pods; `*/*` everything.
  const resources = list(rule.resources);
  if (!resources.some((r) => r === '*' || r === t.resource || r === '*/*')) return false;
  if (!has(list(rule.operations), 'CREATE')) return false;
  const names = list(rule.resourceNames);
  return names.length === 0 || names.includes(t.name);
}

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object') : []);

/**
 * A MatchResources block (a policy's `matchConstraints`, a binding's `matchResources`) against the
 * target; `requireRules` for a policy, whose constraints must name resources, while a binding's
 * block without rules restricts nothing.
 */
export function matchResources(block: unknown, t: Target, requireRules: boolean): Tri {
  if (!block || typeof block !== 'object') return !requireRules;
  const m = block as Record<string, unknown>;
  const exact = m.matchPolicy === 'Exact';
  const rules = records(m.resourceRules);
  if ((requireRules || rules.length > 0) && !rules.some((r) => ruleMatches(r, t, exact))) return false;
  if (records(m.excludeResourceRules).some((r) => ruleMatches(r, t, exact))) return false;
  // The namespace selector is not applied to cluster-scoped objects other than a Namespace.
  const inNamespace = t.namespace !== null || t.kind === 'Namespace';
  return and(inNamespace ? matches(parseSelector(m.namespaceSelector), t.namespaceLabels) : true, matches(parseSelector(m.objectSelector), t.labels));
}
