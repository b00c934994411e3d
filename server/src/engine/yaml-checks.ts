// Checks of a parsed document that the yaml package does not make, or makes too slowly: duplicate
// keys (its own check scans every earlier key of the map for each key, quadratic in the map's size),
// aliases without an anchor, and merge keys that expand beyond the budget.

import { Document, isMap, isNode, isPair, isScalar, YAMLMap, YAMLParseError } from 'yaml';
import { unknownAliases } from './yaml-aliases';
import { hasMergeKey, mergedEntries, MergeLimitError } from './yaml-merge';

/** Adds the errors of duplicate keys and unknown aliases to the document's own errors. */
export function addStructureErrors(doc: Document.Parsed): void {
  const errors: YAMLParseError[] = [];
  for (const map of mapsOf(doc)) duplicateKeys(map, errors);
  for (const alias of unknownAliases(doc)) {
    const [start, end] = alias.range ?? [0, 0];
    errors.push(new YAMLParseError([start, end], 'BAD_ALIAS', 'Unknown alias: no anchor of that name precedes it'));
  }
  if (errors.length === 0) return;
  doc.errors.push(...errors);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Resolves every merge of the document once; the reason it cannot be checked when that is too much work. */
export function mergeProblem(doc: Document): string | undefined {
  try {
    for (const map of mapsOf(doc)) if (hasMergeKey(map)) mergedEntries(doc, map);
    return undefined;
  } catch (error) {
    if (error instanceof MergeLimitError) return error.message;
    throw error;
  }
}

/** As the yaml package's uniqueKeys check: scalar keys with equal values, at the later key. */
function duplicateKeys(map: YAMLMap, errors: YAMLParseError[]): void {
  const seen = new Set<unknown>();
  for (const { key } of map.items) {
    if (!isScalar(key)) continue;
    // NaN is never equal to itself, as the yaml package compares keys.
    if (seen.has(key.value) && key.value === key.value) {
      const start = key.range?.[0] ?? 0;
      errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
    }
    seen.add(key.value);
  }
}

/** Every map of the document, without following aliases or recursing. */
function mapsOf(doc: Document): YAMLMap[] {
  const out: YAMLMap[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (isNode(node) && 'items' in node) {
      if (isMap(node)) out.push(node);
      for (const item of node.items as unknown[]) stack.push(item);
    }
  }
  return out;
}
