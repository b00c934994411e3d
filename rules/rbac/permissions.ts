// What an RBAC policy rule allows, as plain data: which of its verbs and resources make it
// dangerous, and how to say what it grants in words. Shared by the per-object rules (which point at
// the verb or resource at fault) and the workspace permission graph (which works on facts).

/** One entry of a Role's `rules`, its lists as written (templated items left out). */
export interface PolicyRule {
  apiGroups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
  /** True when `resourceNames` narrows the rule to named objects. */
  named: boolean;
}

export type DangerId =
  'all' | 'escalate' | 'bind' | 'impersonate' | 'rbac-write' | 'admission-write' | 'node-proxy' | 'token-create' | 'csr-approve' | 'pod-exec' | 'create-pods' | 'secret-read' | 'cover-tracks';

/** A dangerous permission a rule grants, and the verb or resource of the rule that grants it. */
export interface Danger {
  id: DangerId;
  /** Where to point: a verb (`verb`) or a resource (`resource`) of the rule, as written. */
  on: 'verb' | 'resource';
  value: string;
}

/** Most dangerous first: the order of the workload rule's message. */
export const dangerOrder: readonly DangerId[] = [
  'all',
  'escalate',
  'bind',
  'impersonate',
  'rbac-write',
  'admission-write',
  'node-proxy',
  'token-create',
  'csr-approve',
  'pod-exec',
  'create-pods',
  'secret-read',
  'cover-tracks',
];

/** What a danger lets the holder do, after "can". */
export const dangerWords: Record<DangerId, string> = {
  all: 'do anything to any resource',
  escalate: 'write Roles with permissions it does not hold (escalate)',
  bind: 'bind Roles with permissions it does not hold (bind)',
  impersonate: 'impersonate other users, groups or ServiceAccounts',
  'rbac-write': 'write RBAC Roles and bindings',
  'admission-write': 'write admission webhooks or policies',
  'node-proxy': 'reach the kubelet API through nodes/proxy',
  'token-create': 'create ServiceAccount tokens',
  'csr-approve': 'approve CertificateSigningRequests',
  'pod-exec': 'exec into, attach to or port-forward to pods',
  'create-pods': 'create pods or workloads',
  'secret-read': 'read Secrets',
  'cover-tracks': 'delete events or pod logs',
};

const readSecretVerbs = ['get', 'list', 'watch'];
const podControllers = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers'];
const admissionResources = [
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
];
const rbacResources = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];

interface ResourceCheck {
  id: DangerId;
  groups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
}

/** Dangers that come from a named resource (a `*` resource is rbac-wildcard's finding, not these). */
const resourceChecks: readonly ResourceCheck[] = [
  { id: 'secret-read', groups: [''], resources: ['secrets'], verbs: readSecretVerbs },
  { id: 'pod-exec', groups: [''], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] },
  { id: 'create-pods', groups: ['', 'apps', 'batch'], resources: ['pods', ...podControllers], verbs: ['create'] },
  { id: 'node-proxy', groups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create'] },
  { id: 'token-create', groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { id: 'csr-approve', groups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] },
  { id: 'csr-approve', groups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] },
  { id: 'admission-write', groups: ['admissionregistration.k8s.io'], resources: admissionResources, verbs: ['create', 'update', 'patch'] },
  { id: 'rbac-write', groups: ['rbac.authorization.k8s.io'], resources: rbacResources, verbs: ['create', 'update', 'patch'] },
  { id: 'cover-tracks', groups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['delete', 'deletecollection'] },
  { id: 'cover-tracks', groups: [''], resources: ['pods/log'], verbs: ['delete', 'deletecollection'] },
];

/**
 * Dangers that naming the objects (`resourceNames`) takes away: reading the Secrets one needs, the
 * webhook configuration a controller keeps its CA bundle in, tokens for one named account.
 */
const narrowable: ReadonlySet<DangerId> = new Set(['secret-read', 'admission-write', 'token-create']);

const has = (list: readonly string[], value: string) => list.includes(value) || list.includes('*');

/** The dangerous verbs of a rule: `bind`, `escalate`, `impersonate` written out. */
function verbDangers(rule: PolicyRule): Danger[] {
  const out: Danger[] = [];
  for (const verb of ['escalate', 'bind', 'impersonate'] as const) if (rule.verbs.includes(verb)) out.push({ id: verb, on: 'verb', value: verb });
  return out;
}

/**
 * The dangers of a rule, each on the verb or resource at fault. Resources are matched only where
 * named: a `*` resource (or group, or verb on every resource) is the wildcard rule's finding.
 * A rule narrowed to named objects is the least privilege the guidance asks for, for the dangers of `narrowable`.
 */
export function dangersOf(rule: PolicyRule): Danger[] {
  const out = verbDangers(rule);
  for (const check of resourceChecks) {
    if (!check.groups.some((g) => has(rule.apiGroups, g))) continue;
    if (!check.verbs.some((v) => has(rule.verbs, v))) continue;
    if (rule.named && narrowable.has(check.id)) continue;
    for (const resource of rule.resources) if (check.resources.includes(resource)) out.push({ id: check.id, on: 'resource', value: resource });
  }
  return out;
}

/** The dangers a rule grants once wildcards are taken at their word (for the permission graph). */
export function effectiveDangers(rule: PolicyRule): DangerId[] {
  if (rule.resources.includes('*') && rule.verbs.includes('*') && rule.apiGroups.includes('*')) return ['all'];
  const ids = new Set<DangerId>(verbDangers(rule).map((d) => d.id));
  for (const check of resourceChecks) {
    if (!check.groups.some((g) => has(rule.apiGroups, g))) continue;
    if (!check.verbs.some((v) => has(rule.verbs, v))) continue;
    if (rule.named && narrowable.has(check.id)) continue;
    if (rule.resources.includes('*') || check.resources.some((r) => rule.resources.includes(r))) ids.add(check.id);
  }
  if (rule.verbs.includes('*') && rule.resources.includes('*')) for (const v of ['escalate', 'bind', 'impersonate'] as const) ids.add(v);
  return [...ids];
}

/** "get, list, watch secrets, configmaps (core)" */
export function ruleWords(rule: PolicyRule): string {
  const verbs = rule.verbs.includes('*') ? 'do anything to' : rule.verbs.join(', ');
  const resources = rule.resources.includes('*') ? 'every resource' : rule.resources.join(', ');
  const groups = rule.apiGroups.includes('*') ? 'every API group' : rule.apiGroups.map((g) => g || 'core').join(', ');
  return `${verbs} ${resources} (${groups})${rule.named ? ', named objects only' : ''}`;
}
