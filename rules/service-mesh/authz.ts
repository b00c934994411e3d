// Reading an AuthorizationPolicy's rules as syntax: each rule, its sources and operations, and the
// string lists inside them, with their nodes so that findings land on the value at fault.

import { asMap, asSeq, deref, isTemplated, nodeAt, scalarValue } from '../../server/src/engine';
import type { Node, Resource, Scalar, YAMLMap } from '../../server/src/engine';

export interface RuleNodes {
  rule: YAMLMap;
  node: Node;
  sources: YAMLMap[];
  operations: YAMLMap[];
}

function mapsBelow(resource: Resource, list: Node | undefined, key: string): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const item of asSeq(list)?.items ?? []) {
    const map = asMap(nodeAt(resource.doc, item, [key]));
    if (map) out.push(map);
  }
  return out;
}

/** The rules of `spec.rules` that are mappings (or null: an empty rule). */
export function rulesOf(resource: Resource): Array<RuleNodes | { rule: undefined; node: Node }> {
  const out: Array<RuleNodes | { rule: undefined; node: Node }> = [];
  for (const item of asSeq(nodeAt(resource.doc, resource.root, ['spec', 'rules']))?.items ?? []) {
    const node = deref(resource.doc, item);
    const rule = asMap(node);
    if (!rule) {
      if (node && scalarValue(node) === undefined && !isTemplated(node)) out.push({ rule: undefined, node });
      continue;
    }
    const from = nodeAt(resource.doc, rule, ['from']);
    const to = nodeAt(resource.doc, rule, ['to']);
    out.push({ rule, node: rule, sources: mapsBelow(resource, from, 'source'), operations: mapsBelow(resource, to, 'operation') });
  }
  return out;
}

/** The plain, untemplated strings of the list at `key` of a map, with their nodes. */
export function stringsAt(resource: Resource, map: YAMLMap, key: string): Array<{ value: string; node: Scalar }> {
  const out: Array<{ value: string; node: Scalar }> = [];
  for (const item of asSeq(nodeAt(resource.doc, map, [key]))?.items ?? []) {
    const node = deref(resource.doc, item);
    const value = scalarValue(node);
    if (typeof value === 'string' && !isTemplated(node)) out.push({ value, node: node as Scalar });
  }
  return out;
}

/** True when a rule is empty: no `from`, `to` or `when` (or only empty ones) — it matches every request. */
export function isEmptyRule(resource: Resource, rule: YAMLMap | undefined): boolean {
  if (!rule) return true;
  for (const key of ['from', 'to', 'when']) {
    const node = nodeAt(resource.doc, rule, [key]);
    if (node === undefined || (scalarValue(node) === undefined && !asSeq(node) && !asMap(node) && !isTemplated(node))) continue;
    const seq = asSeq(node);
    if (!seq || seq.items.length > 0) return false;
  }
  return rule.items.every((pair) => ['from', 'to', 'when'].includes(String((pair.key as Scalar | null)?.value)));
}
