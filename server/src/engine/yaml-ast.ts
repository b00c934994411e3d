// Small, allocation-light navigation over the `yaml` package's AST. Rules and edits work on nodes,
// not on plain objects, because every finding and every edit needs the node's exact source range.

import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { resolveAlias } from './yaml-aliases';
import { hasMergeKey, isMergeKey, mergedEntries } from './yaml-merge';

export type { Node, Pair, Scalar, YAMLMap, YAMLSeq };
export { isMap, isSeq, isScalar, isPair };
export { isMergeKey, mergeSources } from './yaml-merge';
export { plain } from './yaml-plain';

export type PathSegment = string | number;

/** Resolves an alias to the node it points to; anything else is returned as is. */
export function deref(doc: Document | undefined, node: unknown): Node | undefined {
  if (node == null) return undefined;
  if (isAlias(node)) return doc ? resolveAlias(doc, node) : undefined;
  return node as Node;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

/**
 * The pair of `map` whose key is the plain string `key`. Keys merged in with `<<: *anchor` count too
 * (kubectl's YAML decoder applies merge keys), with the map's own keys taking precedence.
 */
export function pairOf(map: YAMLMap | undefined, key: string, doc?: Document): Pair<Scalar, Node | null> | undefined {
  if (!map) return undefined;
  let merged = false;
  for (const item of map.items) {
    const k = item.key;
    const name = isScalar(k) ? k.value : k;
    if (name === key) return item as Pair<Scalar, Node | null>;
    if (isMergeKey(k)) merged = true;
  }
  if (!merged || !doc) return undefined;
  return mergedEntries(doc, map).byKey.get(key) as Pair<Scalar, Node | null> | undefined;
}

/** The entries of a map as Kubernetes sees them: its own keys, then keys merged in with `<<`. */
export function entriesOf(doc: Document, map: YAMLMap | undefined): readonly Pair[] {
  if (!map) return [];
  return hasMergeKey(map) ? mergedEntries(doc, map).entries : map.items;
}

/** The value node at `path` below `node`, following aliases. */
export function nodeAt(doc: Document | undefined, node: unknown, path: readonly PathSegment[]): Node | undefined {
  let current = deref(doc, node);
  for (const segment of path) {
    if (current == null) return undefined;
    if (typeof segment === 'number') {
      const seq = asSeq(current);
      current = seq ? deref(doc, seq.items[segment]) : undefined;
    } else {
      const pair = pairOf(asMap(current), segment, doc);
      current = pair ? deref(doc, pair.value) : undefined;
    }
  }
  return current;
}

/** The key node of the last segment of `path` (which must name a map key). */
export function keyAt(doc: Document | undefined, node: unknown, path: readonly PathSegment[]): Scalar | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = asMap(nodeAt(doc, node, path.slice(0, -1)));
  const key = pairOf(parent, last, doc)?.key;
  return isScalar(key) ? key : undefined;
}

/** The scalar value of a node, or undefined for collections, nulls and missing nodes. */
export function scalarValue(node: Node | undefined): unknown {
  return isScalar(node) && node.value !== null ? node.value : undefined;
}

/** True when a scalar's text holds a template expression, whose real value cannot be known. */
export function isTemplated(node: Node | undefined): boolean {
  return isScalar(node) && typeof node.value === 'string' && /\{\{|\$\{/.test(node.value);
}

/** The string entries of a map of strings (labels, annotations). */
export function stringEntries(map: YAMLMap | undefined, doc?: Document): Array<{ key: string; keyNode: Scalar; value: unknown; valueNode: Node | undefined }> {
  const out: Array<{ key: string; keyNode: Scalar; value: unknown; valueNode: Node | undefined }> = [];
  if (!map) return out;
  for (const item of doc ? entriesOf(doc, map) : map.items) {
    if (!isScalar(item.key)) continue;
    const valueNode = (item.value ?? undefined) as Node | undefined;
    out.push({ key: String(item.key.value), keyNode: item.key, value: scalarValue(valueNode), valueNode });
  }
  return out;
}

/** [start, end) of a node's value text, without trailing comments. */
export function span(node: Node): [number, number] {
  const range = node.range;
  if (!range) return [0, 0];
  let end = range[1];
  // Block collections end after their last newline; a diagnostic should not.
  if (isMap(node) || isSeq(node)) end = Math.max(range[0], end);
  return [range[0], end];
}
