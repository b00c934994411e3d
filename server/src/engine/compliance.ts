// Compliance references of a rule: the CIS Kubernetes Benchmark recommendations and the sections of
// the NSA/CISA Kubernetes Hardening Guide that its check helps satisfy, so an auditor can map a
// finding to the control they report on. Also the flat id lists the JSON report carries.

import type { PeerEquivalents } from './rule';

/** The benchmark and guide editions the ids below come from. */
export const cisBenchmark = 'CIS Kubernetes Benchmark 1.9.0';
export const nsaGuide = 'NSA/CISA Kubernetes Hardening Guide 1.2';

/** The CIS recommendations a manifest check can speak to (section 5, Policies), by id. */
export const cisRecommendations = {
  '5.1.1': 'Ensure that the cluster-admin role is only used where required',
  '5.1.2': 'Minimize access to secrets',
  '5.1.3': 'Minimize wildcard use in Roles and ClusterRoles',
  '5.1.4': 'Minimize access to create pods',
  '5.1.5': 'Ensure that default service accounts are not actively used',
  '5.1.8': 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster',
  '5.1.10': 'Minimize access to the proxy sub-resource of nodes',
  '5.1.11': 'Minimize access to the approval sub-resource of certificatesigningrequests objects',
  '5.1.12': 'Minimize access to webhook configuration objects',
  '5.1.13': 'Minimize access to the service account token creation',
  '5.2.2': 'Minimize the admission of privileged containers',
  '5.2.3': 'Minimize the admission of containers wishing to share the host process ID namespace',
  '5.2.4': 'Minimize the admission of containers wishing to share the host IPC namespace',
  '5.2.5': 'Minimize the admission of containers wishing to share the host network namespace',
  '5.2.6': 'Minimize the admission of containers with allowPrivilegeEscalation',
  '5.2.7': 'Minimize the admission of root containers',
  '5.2.8': 'Minimize the admission of containers with the NET_RAW capability',
  '5.2.9': 'Minimize the admission of containers with added capabilities',
  '5.2.10': 'Minimize the admission of containers with capabilities assigned',
  '5.2.11': 'Minimize the admission of Windows HostProcess containers',
  '5.2.12': 'Minimize the admission of HostPath volumes',
  '5.2.13': 'Minimize the admission of containers which use HostPorts',
  '5.3.2': 'Ensure that all Namespaces have NetworkPolicies defined',
  '5.4.2': 'Consider external secret storage',
  '5.7.2': 'Ensure that the seccomp profile is set to docker/default in your Pod definitions',
  '5.7.3': 'Apply SecurityContext to your Pods and Containers',
} as const;

/** The guide's sections (by heading, under "Kubernetes Pod security", "Network separation and hardening" or "Authentication and authorization"). */
export const nsaSections = {
  'non-root': 'Kubernetes Pod security: "Non-root" containers and "rootless" container engines',
  'pod-security': 'Kubernetes Pod security: Pod security enforcement',
  images: 'Kubernetes Pod security: Building secure container images',
  'network-policies': 'Network separation and hardening: Network policies',
  secrets: 'Network separation and hardening: Secrets',
  rbac: 'Authentication and authorization: Role-based access control',
} as const;

export type CisId = keyof typeof cisRecommendations;
export type NsaSection = keyof typeof nsaSections;

/** Where a rule's check sits in the frameworks; `'none'` on a rule when neither has a matching control. */
export interface ComplianceRefs {
  cis?: readonly CisId[];
  nsa?: readonly NsaSection[];
}

/** "CIS 5.2.2", "NSA-CISA Kubernetes Pod security: Pod security enforcement": one string per reference. */
export function complianceIds(refs: ComplianceRefs | 'none'): string[] {
  if (refs === 'none') return [];
  return [...(refs.cis ?? []).map((id) => `CIS ${id}`), ...(refs.nsa ?? []).map((section) => `NSA-CISA ${nsaSections[section]}`)];
}

/** One line of Markdown naming each reference with its title, or '' when there is none. */
export function complianceMarkdown(refs: ComplianceRefs | 'none'): string {
  if (refs === 'none') return '';
  const parts = [];
  if (refs.cis?.length) parts.push(`${cisBenchmark} ${refs.cis.map((id) => `${id} (${cisRecommendations[id]})`).join(', ')}`);
  if (refs.nsa?.length) parts.push(`${nsaGuide}, ${refs.nsa.map((s) => nsaSections[s]).join('; ')}`);
  return parts.join('; ');
}

/** Short text for a table cell: "CIS 5.2.2; NSA-CISA Pod security enforcement". */
export function complianceShort(refs: ComplianceRefs | 'none'): string {
  if (refs === 'none') return '';
  const nsa = (refs.nsa ?? []).map((s) => `NSA-CISA ${nsaSections[s].replace(/^[^:]+: /, '')}`);
  return [...(refs.cis?.length ? [`CIS ${refs.cis.join(', ')}`] : []), ...nsa].join('; ');
}

const peerOrder: Array<keyof PeerEquivalents> = ['trivy', 'checkov', 'kubeLinter', 'polaris', 'kubescape'];
/** kube-linter and Polaris ids are bare words; the others carry their scanner in their form. */
const peerPrefix: Partial<Record<keyof PeerEquivalents, string>> = { kubeLinter: 'kube-linter:', polaris: 'polaris:' };

/** The peer ids as one list: `["KSV-0017", "CKV_K8S_16", "kube-linter:privileged-container", "polaris:runAsPrivileged", "C-0057"]`. */
export function equivalentIds(equivalents: PeerEquivalents | 'none'): string[] {
  if (equivalents === 'none') return [];
  return peerOrder.flatMap((peer) => (equivalents[peer] ?? []).map((id) => `${peerPrefix[peer] ?? ''}${id}`));
}
