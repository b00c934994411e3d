// Which namespaces a PodSecurityPolicy governs: the RBAC roles that grant `use` on it, and the
// bindings of those roles with the namespaces they reach. Plain, small facts: roles only when they
// grant `use` on PodSecurityPolicies, bindings with their role and the namespaces of their subjects.

import { defineFacts, ExtractContext, Fact, isTemplatedText, nodeAt, plain, Resource } from '../../server/src/engine';
import { record, strings } from './psp-level';

export interface PspRoleFact extends Fact {
  kind: string;
  name: string;
  namespace: string | null;
  /** The policies it grants `use` on; `*` for every one. */
  policies: string[] | '*';
}

export interface RoleBindingFact extends Fact {
  kind: string;
  name: string;
  namespace: string | null;
  roleKind: string;
  roleName: string;
  /** Namespaces of its subjects (service accounts, `system:serviceaccounts:<ns>` groups). */
  subjects: string[];
  /** A subject that is every namespace's (a user, `system:authenticated`, `system:serviceaccounts`). */
  everywhere: boolean;
}

const rbac = /^rbac\.authorization\.k8s\.io\//;
const any = (list: string[], ...wanted: string[]) => list.some((v) => v === '*' || wanted.includes(v));

function grants(rule: Record<string, unknown>): boolean {
  return any(strings(rule.verbs), 'use') && any(strings(rule.resources), 'podsecuritypolicies') && any(strings(rule.apiGroups), 'policy', 'extensions');
}

function roleFacts(resource: Resource, ctx: ExtractContext): PspRoleFact[] {
  if (!/^(Cluster)?Role$/.test(resource.kind) || !rbac.test(resource.apiVersion)) return [];
  const rules = plain(resource.doc, nodeAt(resource.doc, resource.root, ['rules']));
  if (!Array.isArray(rules)) return [];
  let policies: string[] | '*' | undefined;
  for (const rule of rules.map(record).filter(grants)) {
    const names = strings(rule.resourceNames);
    if (names.length === 0 || policies === '*') policies = '*';
    else policies = [...(policies ?? []), ...names];
  }
  if (!policies) return [];
  return [{ at: ctx.at(), kind: resource.kind, name: resource.name, namespace: resource.namespace, policies }];
}

function bindingFacts(resource: Resource, ctx: ExtractContext): RoleBindingFact[] {
  if (!/^(Cluster)?RoleBinding$/.test(resource.kind) || !rbac.test(resource.apiVersion)) return [];
  const role = record(plain(resource.doc, nodeAt(resource.doc, resource.root, ['roleRef'])));
  if (typeof role.name !== 'string' || typeof role.kind !== 'string' || isTemplatedText(role.name)) return [];
  const subjects: string[] = [];
  let everywhere = false;
  const list = plain(resource.doc, nodeAt(resource.doc, resource.root, ['subjects']));
  for (const s of Array.isArray(list) ? list.map(record) : []) {
    const name = typeof s.name === 'string' ? s.name : '';
    const group = /^system:serviceaccounts:(.+)$/.exec(name);
    if (s.kind === 'ServiceAccount' && typeof s.namespace === 'string') subjects.push(s.namespace);
    else if (s.kind === 'ServiceAccount' && resource.namespace) subjects.push(resource.namespace);
    else if (s.kind === 'Group' && group) subjects.push(group[1]);
    else everywhere = true;
  }
  return [{ at: ctx.at(), kind: resource.kind, name: resource.name, namespace: resource.namespace, roleKind: role.kind, roleName: role.name, subjects, everywhere }];
}

export const pspRoles = defineFacts<PspRoleFact>({ id: 'admission.psp-role', kinds: ['Role', 'ClusterRole'], extract: roleFacts, namespaceOf: () => '*' });

export const roleBindings = defineFacts<RoleBindingFact>({ id: 'admission.role-binding', kinds: ['RoleBinding', 'ClusterRoleBinding'], extract: bindingFacts, namespaceOf: () => '*' });

/** The namespaces whose pods may use the policy, by the workspace's RBAC; `everywhere` when a binding reaches every namespace. */
export function reachedNamespaces(policy: string, roles: readonly PspRoleFact[], bindings: readonly RoleBindingFact[]): { namespaces: string[]; everywhere: boolean; bound: boolean } {
  const granting = roles.filter((r) => r.policies === '*' || r.policies.includes(policy));
  const namespaces = new Set<string>();
  let everywhere = false;
  let bound = false;
  for (const b of bindings) {
    const role = granting.find((r) => r.kind === b.roleKind && r.name === b.roleName && (r.kind === 'ClusterRole' || r.namespace === b.namespace));
    if (!role) continue;
    bound = true;
    // A RoleBinding grants only inside its own namespace, whoever its subjects are.
    if (b.kind === 'RoleBinding') {
      if (b.namespace) namespaces.add(b.namespace);
      continue;
    }
    b.subjects.forEach((n) => namespaces.add(n));
    everywhere ||= b.everywhere;
  }
  return { namespaces: [...namespaces].sort(), everywhere, bound };
}
