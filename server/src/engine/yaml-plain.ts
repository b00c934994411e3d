// A node's value as plain data. The yaml package's toJS looks up every alias by walking the whole
// document, once per conversion: converting each item of a List that shares anchors cost time
// quadratic in the file. Here aliases resolve from the document's index, and what they expand to is
// bounded, so an alias bomb (or an alias inside its own anchor) gives up instead of exploding.

import { Document, isAlias, isMap, isScalar, isSeq, Node } from 'yaml';
import { resolveAlias } from './yaml-aliases';
import { hasMergeKey, mergedEntries } from './yaml-merge';

/** Nodes an alias may expand to in one conversion, and how deep the result may nest. */
const maxExpanded = 10_000;
const maxDepth = 256;

class TooLarge extends Error {}

/** A node's value as plain data (maps as objects, with merge keys applied), or undefined when aliases expand too far. */
export function plain(doc: Document, node: Node | undefined): unknown {
  if (node === undefined) return undefined;
  const budget = { left: maxExpanded };
  try {
    return convert(doc, node, budget, 0, false);
  } catch (error) {
    if (error instanceof TooLarge) return undefined;
    throw error;
  }
}

function convert(doc: Document, node: unknown, budget: { left: number }, depth: number, aliased: boolean): unknown {
  if (depth > maxDepth) throw new TooLarge();
  if (aliased && --budget.left < 0) throw new TooLarge();
  if (isAlias(node)) {
    const target = resolveAlias(doc, node);
    return target === undefined ? undefined : convert(doc, target, budget, depth + 1, true);
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item) => convert(doc, item, budget, depth + 1, aliased));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of hasMergeKey(node) ? mergedEntries(doc, node).entries : node.items) {
      const key = isScalar(pair.key) ? pair.key.value : convert(doc, pair.key, budget, depth + 1, aliased);
      const name = key === null || key === undefined ? '' : typeof key === 'object' ? JSON.stringify(key) : String(key);
      // Assigned as an own property: a `__proto__` key must not set the object's prototype.
      Object.defineProperty(out, name, { value: convert(doc, pair.value, budget, depth + 1, aliased), writable: true, enumerable: true, configurable: true });
    }
    return out;
  }
  return node ?? null;
}
