// The RBAC family's facts, extracted from every manifest into the workspace model: Roles and
// ClusterRoles (their rules as plain lists, their labels and aggregation selectors), bindings (role
// and subjects) and ServiceAccounts. Every fact is about any namespace ('*'): a binding in one
// namespace grants to accounts of another, and an account without a namespace is applied to one we
// cannot know, so a change re-checks every workload that reads them (bindings change rarely).

import {
  asMap,
  asSeq,
  defineFacts,
  deref,
  ExtractContext,
  Fact,
  isTemplated,
  isTemplatedText,
  nodeAt,
  parseSelector,
  plain,
  Resource,
  scalarValue,
  Selector,
  stringEntries,
} from '../../server/src/engine';
import { isRbac, ruleEntries } from './entries';
import { PolicyRule } from './permissions';

/** More rules than this in one role are not kept: the facts stay small, the danger is already clear. */
const maxRules = 200;

export interface RoleRuleFact extends PolicyRule {
  at: Fact['at'];
}

export interface RoleFact extends Fact {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace: string | null;
  labels: Record<string, string>;
  /** `aggregationRule.clusterRoleSelectors`; undefined for a role that does not aggregate. */
  aggregation?: Selector[];
  rules: RoleRuleFact[];
}

export interface SubjectFact {
  at: Fact['at'];
  kind: string;
  name: string;
  /** As written; null when not set (a RoleBinding's own namespace applies to ServiceAccounts). */
  namespace: string | null;
}

export interface BindingFact extends Fact {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace: string | null;
  roleKind: string;
  roleName: string;
  subjects: SubjectFact[];
}

export interface AccountFact extends Fact {
  name: string;
  namespace: string | null;
  /** `automountServiceAccountToken` when set to a boolean. */
  automount?: boolean;
}

const known = (value: unknown): value is string => typeof value === 'string' && !isTemplatedText(value);

function labelsOf(resource: Resource): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const map = asMap(nodeAt(resource.doc, resource.root, ['metadata', 'labels']));
  for (const e of stringEntries(map, resource.doc)) if (e.value !== undefined && e.value !== null) out[e.key] = String(e.value);
  return out;
}

function aggregationOf(resource: Resource): Selector[] | undefined {
  const seq = asSeq(nodeAt(resource.doc, resource.root, ['aggregationRule', 'clusterRoleSelectors']));
  if (!seq) return undefined;
  return seq.items.map((item) => parseSelector(plain(resource.doc, deref(resource.doc, item))));
}

export function roleFact(resource: Resource, ctx: Pick<ExtractContext, 'at'>): RoleFact | undefined {
  if (!isRbac(resource) || (resource.kind !== 'Role' && resource.kind !== 'ClusterRole') || !known(resource.name)) return undefined;
  const clusterwide = resource.kind === 'ClusterRole';
  const rules = ruleEntries(resource)
    .slice(0, maxRules)
    .map((e) => ({ at: ctx.at(e.map), ...e.rule }));
  const aggregation = clusterwide ? aggregationOf(resource) : undefined;
  return {
    at: ctx.at(),
    kind: resource.kind,
    name: resource.name,
    namespace: clusterwide ? null : resource.namespace,
    labels: clusterwide ? labelsOf(resource) : {},
    ...(aggregation ? { aggregation } : {}),
    rules,
  };
}

function subjectsOf(resource: Resource, ctx: Pick<ExtractContext, 'at'>): SubjectFact[] {
  const out: SubjectFact[] = [];
  for (const item of asSeq(nodeAt(resource.doc, resource.root, ['subjects']))?.items ?? []) {
    const map = asMap(deref(resource.doc, item));
    const nameNode = nodeAt(resource.doc, map, ['name']);
    const kind = scalarValue(nodeAt(resource.doc, map, ['kind']));
    const name = scalarValue(nameNode);
    const namespace = scalarValue(nodeAt(resource.doc, map, ['namespace']));
    if (!nameNode || !known(kind) || !known(name) || isTemplated(nameNode)) continue;
    if (namespace !== undefined && namespace !== null && !known(namespace)) continue;
    out.push({ at: ctx.at(nameNode), kind, name, namespace: typeof namespace === 'string' ? namespace : null });
  }
  return out;
}

export function bindingFact(resource: Resource, ctx: Pick<ExtractContext, 'at'>): BindingFact | undefined {
  if (!isRbac(resource) || (resource.kind !== 'RoleBinding' && resource.kind !== 'ClusterRoleBinding')) return undefined;
  const roleKind = scalarValue(nodeAt(resource.doc, resource.root, ['roleRef', 'kind']));
  const roleName = scalarValue(nodeAt(resource.doc, resource.root, ['roleRef', 'name']));
  if (!known(roleKind) || !known(roleName) || (resource.namespace !== null && !known(resource.namespace))) return undefined;
  return {
    at: ctx.at(),
    kind: resource.kind,
    name: resource.name,
    namespace: resource.kind === 'ClusterRoleBinding' ? null : resource.namespace,
    roleKind,
    roleName,
    subjects: subjectsOf(resource, ctx),
  };
}

export const roles = defineFacts<RoleFact>({
  id: 'rbac.role',
  kinds: ['Role', 'ClusterRole'],
  extract: (resource, ctx) => {
    const fact = roleFact(resource, ctx);
    return fact ? [fact] : [];
  },
  namespaceOf: () => '*',
});

export const bindings = defineFacts<BindingFact>({
  id: 'rbac.binding',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  extract: (resource, ctx) => {
    const fact = bindingFact(resource, ctx);
    return fact ? [fact] : [];
  },
  namespaceOf: () => '*',
});

export const accounts = defineFacts<AccountFact>({
  id: 'rbac.account',
  kinds: ['ServiceAccount'],
  extract: (resource, ctx) => {
    if (!/^v1$/.test(resource.apiVersion) || !known(resource.name) || (resource.namespace !== null && !known(resource.namespace))) return [];
    const automount = scalarValue(nodeAt(resource.doc, resource.root, ['automountServiceAccountToken']));
    return [{ at: ctx.at(), name: resource.name, namespace: resource.namespace, ...(typeof automount === 'boolean' ? { automount } : {}) }];
  },
  namespaceOf: () => '*',
});
