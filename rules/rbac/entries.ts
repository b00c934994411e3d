// The rules of a Role or ClusterRole as the per-object rules see them: each entry's lists with the
// node of every item, so a finding lands on the verb or resource at fault. Templated items are left
// out (they could be anything), and a non-RBAC kind of the same name is not read.

import { asMap, asSeq, deref, isTemplated, keyAt, nodeAt, pairOf, Resource, scalarValue } from '../../server/src/engine';
import type { Node, Pair, YAMLMap, YAMLSeq } from '../../server/src/engine';
import { PolicyRule } from './permissions';

export interface ListItem {
  value: string;
  node: Node;
  index: number;
}

export interface RuleEntry {
  /** The entry's map and its index in `rules`. */
  map: YAMLMap;
  index: number;
  rule: PolicyRule;
  verbs: ListItem[];
  resources: ListItem[];
  apiGroups: ListItem[];
  /** The `verbs` sequence and its entry, for fixes. */
  verbsSeq: YAMLSeq | undefined;
  verbsPair: Pair | undefined;
}

export const roleKinds = ['Role', 'ClusterRole'] as const;
export const bindingKinds = ['RoleBinding', 'ClusterRoleBinding'] as const;

/** True for the kinds of the RBAC API group (a CRD may reuse the kind names). */
export function isRbac(resource: Resource): boolean {
  return /^rbac\.authorization\.k8s\.io\//.test(resource.apiVersion);
}

function items(resource: Resource, map: YAMLMap, key: string): ListItem[] {
  const seq = asSeq(nodeAt(resource.doc, map, [key]));
  const out: ListItem[] = [];
  seq?.items.forEach((item, index) => {
    const node = deref(resource.doc, item);
    const value = scalarValue(node);
    if (node && typeof value === 'string' && !isTemplated(node)) out.push({ value, node, index });
  });
  return out;
}

/**
 * The entries of `rules`. Not kept between calls: an edit inside a block re-parses only that block
 * and puts it into the same document, so a cache keyed by the document's nodes would go stale.
 */
export function ruleEntries(resource: Resource): RuleEntry[] {
  if (!isRbac(resource)) return [];
  const out: RuleEntry[] = [];
  const seq = asSeq(nodeAt(resource.doc, resource.root, ['rules']));
  seq?.items.forEach((item, index) => {
    const map = asMap(deref(resource.doc, item));
    if (!map) return;
    const verbs = items(resource, map, 'verbs');
    const resources = items(resource, map, 'resources');
    const apiGroups = items(resource, map, 'apiGroups');
    const names = asSeq(nodeAt(resource.doc, map, ['resourceNames']));
    const rule: PolicyRule = { verbs: verbs.map((v) => v.value), resources: resources.map((r) => r.value), apiGroups: apiGroups.map((g) => g.value), named: (names?.items.length ?? 0) > 0 };
    out.push({ map, index, rule, verbs, resources, apiGroups, verbsSeq: asSeq(nodeAt(resource.doc, map, ['verbs'])), verbsPair: pairOf(map, 'verbs', resource.doc) as Pair | undefined });
  });
  return out;
}

/** The item of a rule entry a danger is about. */
export function itemOf(entry: RuleEntry, on: 'verb' | 'resource', value: string): ListItem | undefined {
  return (on === 'verb' ? entry.verbs : entry.resources).find((i) => i.value === value);
}

/** The `kind` key of a document, a fallback anchor. */
export function kindKey(resource: Resource): Node | undefined {
  return keyAt(resource.doc, resource.root, ['kind']);
}
