// The permission graph: from a workload's ServiceAccount through every binding of the workspace
// that names it (directly, or through the groups every account belongs to) to the roles they bind,
// aggregated ClusterRoles resolved through their label selectors, to what the account may do and
// where. Namespaces: a resource without `metadata.namespace` is applied to a namespace we cannot
// know, so it matches a binding subject of any namespace, except for the `default` account, which
// every namespace has (matching it across namespaces would blame one namespace's binding on all).

import { Fact, FactExtractor, matches, WorkspaceView } from '../../server/src/engine';
import { builtinRoles } from './builtin';
import { AccountFact, accounts, BindingFact, bindings, RoleFact, RoleRuleFact, roles, SubjectFact } from './facts';
import { DangerId, dangerOrder, effectiveDangers } from './permissions';

export interface AccountRef {
  name: string;
  namespace: string | null;
}

/** One rule an account holds, and how: the binding, the role, where it applies. */
export interface Grant {
  binding: BindingFact;
  role: { kind: string; name: string; builtin: boolean; at?: RoleFact['at'] };
  rule: RoleRuleFact | Omit<RoleRuleFact, 'at'>;
  /** The namespace it applies in; '*' for every namespace. */
  scope: string | null | '*';
  dangers: DangerId[];
}

/**
 * Every fact of an extractor of this family. They are all about any namespace ('*'), so the query of
 * one namespace returns them all, as the model's own list: unlike the query of all namespaces, which
 * sorts and joins every namespace's list on each call, it costs nothing, and its identity changes
 * only when the facts do (which the memo of grantsOf relies on).
 */
export function allFacts<T extends Fact>(view: WorkspaceView, extractor: FactExtractor<T>): readonly T[] {
  return view.facts(extractor, null);
}

function sameNamespace(a: string | null, b: string | null, account: string): boolean {
  if (a === b) return true;
  return (a === null || b === null) && account !== 'default';
}

/** True when a subject of the binding is the account (or a group it belongs to). */
export function names(subject: SubjectFact, binding: BindingFact, account: AccountRef): boolean {
  const ns = account.namespace;
  switch (subject.kind) {
    case 'ServiceAccount': {
      // A RoleBinding's ServiceAccount subject without a namespace is in the binding's own namespace.
      const subjectNs = subject.namespace ?? (binding.kind === 'RoleBinding' ? binding.namespace : null);
      return subject.name === account.name && sameNamespace(subjectNs, ns, account.name);
    }
    case 'User': {
      const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject.name);
      return m !== null && m[2] === account.name && sameNamespace(m[1], ns, account.name);
    }
    case 'Group': {
      if (subject.name === 'system:serviceaccounts' || subject.name === 'system:authenticated') return true;
      const m = /^system:serviceaccounts:([^:]+)$/.exec(subject.name);
      return m !== null && sameNamespace(m[1], ns, account.name);
    }
    default:
      return false;
  }
}

/** The ClusterRoles an aggregated one gathers, transitively, itself included. */
function aggregated(role: RoleFact, clusterRoles: readonly RoleFact[], seen = new Set<RoleFact>()): RoleFact[] {
  if (seen.has(role)) return [];
  seen.add(role);
  const out = [role];
  if (!role.aggregation) return out;
  for (const other of clusterRoles) {
    if (other === role || seen.has(other)) continue;
    const labels = { values: other.labels, unknown: false };
    if (role.aggregation.some((s) => s.requirements.length > 0 && matches(s, labels) === true)) out.push(...aggregated(other, clusterRoles, seen));
  }
  return out;
}

/** The rules a binding's roleRef resolves to, with the role each comes from. */
export function rulesOfBinding(view: WorkspaceView, binding: BindingFact): Array<Pick<Grant, 'role' | 'rule'>> {
  const all = allFacts(view, roles);
  if (binding.roleKind === 'ClusterRole') {
    const found = all.filter((r) => r.kind === 'ClusterRole' && r.name === binding.roleName);
    if (found.length === 0) {
      const builtin = builtinRoles[binding.roleName];
      return (builtin ?? []).map((rule) => ({ role: { kind: 'ClusterRole', name: binding.roleName, builtin: true }, rule }));
    }
    const clusterRoles = all.filter((r) => r.kind === 'ClusterRole');
    return found.flatMap((root) => aggregated(root, clusterRoles)).flatMap((r) => r.rules.map((rule) => ({ role: { kind: r.kind, name: r.name, builtin: false, at: r.at }, rule })));
  }
  if (binding.roleKind !== 'Role') return [];
  return all
    .filter((r) => r.kind === 'Role' && r.name === binding.roleName && sameNamespace(r.namespace, binding.namespace, ''))
    .flatMap((r) => r.rules.map((rule) => ({ role: { kind: r.kind, name: r.name, builtin: false, at: r.at }, rule })));
}

/** Grants by account, for the lists of bindings and roles they were computed from. */
const memo = new WeakMap<readonly BindingFact[], WeakMap<readonly RoleFact[], Map<string, readonly Grant[]>>>();

/**
 * Everything the account may do, rule by rule (shared: not to be changed). Many workloads of a
 * namespace run as the same account, and a keystroke in a file without RBAC objects changes neither
 * list, so the answer is kept while both lists stand.
 */
export function grantsOf(view: WorkspaceView, account: AccountRef): readonly Grant[] {
  const all = allFacts(view, bindings);
  const roleList = allFacts(view, roles);
  let byRoles = memo.get(all);
  if (!byRoles) memo.set(all, (byRoles = new WeakMap()));
  let byAccount = byRoles.get(roleList);
  if (!byAccount) byRoles.set(roleList, (byAccount = new Map()));
  const key = JSON.stringify([account.name, account.namespace]);
  let grants = byAccount.get(key);
  if (!grants) byAccount.set(key, (grants = computeGrants(view, all, account)));
  return grants;
}

function computeGrants(view: WorkspaceView, all: readonly BindingFact[], account: AccountRef): Grant[] {
  const out: Grant[] = [];
  for (const binding of all) {
    if (!binding.subjects.some((s) => names(s, binding, account))) continue;
    const scope = binding.kind === 'ClusterRoleBinding' ? '*' : binding.namespace;
    for (const { role, rule } of rulesOfBinding(view, binding)) out.push({ binding, role, rule, scope, dangers: effectiveDangers(rule) });
  }
  return out;
}

/** The account's dangerous grants, most dangerous first. */
export function dangerousGrants(grants: readonly Grant[]): Array<{ danger: DangerId; grant: Grant }> {
  const out: Array<{ danger: DangerId; grant: Grant }> = [];
  for (const danger of dangerOrder) {
    const grant = grants.find((g) => g.dangers.includes(danger));
    if (grant) out.push({ danger, grant });
  }
  return out;
}

/** The ServiceAccount facts of the workspace for an account (same namespace rules as bindings). */
export function accountFacts(view: WorkspaceView, account: AccountRef): AccountFact[] {
  return allFacts(view, accounts).filter((a) => a.name === account.name && sameNamespace(a.namespace, account.namespace, account.name));
}

/** "in every namespace", "in namespace shop" (in Markdown, "in `shop`"), "in its namespace". */
export function scopeWords(scope: Grant['scope'], markdown = false): string {
  if (scope === '*') return 'in every namespace';
  if (scope === null) return 'in its namespace';
  return markdown ? `in \`${scope}\`` : `in namespace ${scope}`;
}
