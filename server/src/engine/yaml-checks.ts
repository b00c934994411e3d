// Checks of a parsed document that the yaml package does not make, or makes too slowly: duplicate
// keys (its own check scans every earlier key of the map for each key, quadratic in the map's size),
// aliases without an anchor, and merge keys that expand beyond the budget.

import { Document, isAlias, isMap, isNode, isPair, isScalar, YAMLMap, YAMLParseError } from 'yaml';
import { unknownAliases } from './yaml-aliases';
import { hasMergeKey, isMergeKey, mergedEntries, MergeLimitError } from './yaml-merge';

/**
 * The maps with merge keys of each document checked by addStructureErrors, which finds them on its
 * way: mergeProblem then needs no walk of its own (every document of every file is checked by both).
 */
const mergeMaps = new WeakMap<Document, YAMLMap[]>();

/**
 * Adds the errors of duplicate keys and unknown aliases to the document's own errors. `shape` is the
 * document's maps and whether it has aliases, when its reader knows them (yaml-fast.ts).
 */
export function addStructureErrors(doc: Document.Parsed, shape = shapeOf(doc)): void {
  const errors: YAMLParseError[] = [];
  const { maps, aliases } = shape;
  const merges: YAMLMap[] = [];
  for (const map of maps) if (duplicateKeys(map, errors)) merges.push(map);
  mergeMaps.set(doc, merges);
  // Most documents have no alias: the walk that pairs aliases with anchors is skipped.
  for (const alias of aliases ? unknownAliases(doc) : []) {
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
    for (const map of mergeMaps.get(doc) ?? shapeOf(doc).maps.filter(hasMergeKey)) mergedEntries(doc, map);
    return undefined;
  } catch (error) {
    if (error instanceof MergeLimitError) return error.message;
    throw error;
  }
}

/**
 * As the yaml package's uniqueKeys check: scalar keys with equal values, at the later key. True
 * when the map has a merge key.
 */
function duplicateKeys(map: YAMLMap, errors: YAMLParseError[]): boolean {
  const items = map.items;
  // Most maps are small: comparing with each earlier key costs less than filling a Set.
  const seen = items.length > 8 ? new Set<unknown>() : undefined;
  let merge = false;
  for (let i = 0; i < items.length; i++) {
    const key = items[i].key;
    if (!merge && isMergeKey(key)) merge = true;
    if (!isScalar(key)) continue;
    const value = key.value;
    // NaN is never equal to itself, as the yaml package compares keys.
    let duplicate = false;
    if (seen) {
      duplicate = seen.has(value) && value === value;
      seen.add(value);
    } else {
      for (let j = 0; j < i && !duplicate; j++) {
        const earlier = items[j].key;
        duplicate = isScalar(earlier) && earlier.value === value;
      }
    }
    if (duplicate) {
      const start = key.range?.[0] ?? 0;
      errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
    }
  }
  return merge;
}

/** Every map of the document, and whether it has an alias, without following aliases or recursing. */
function shapeOf(doc: Document): { maps: YAMLMap[]; aliases: boolean } {
  const maps: YAMLMap[] = [];
  let aliases = false;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (isNode(node) && 'items' in node) {
      if (isMap(node)) maps.push(node);
      for (const item of node.items as unknown[]) stack.push(item);
    } else if (!aliases && isAlias(node)) {
      aliases = true;
    }
  }
  return { maps, aliases };
}
