// Merge keys (`<<: *base`) resolved once per map, with a budget of work per document. Expanding
// merges on every lookup made a few hundred bytes of nested `<<: [*m, *m, ...]` take minutes, and a
// map merging its own ancestor recursed without end.

import { Document, isAlias, isMap, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { resolveAlias } from './yaml-aliases';

/** The entries a document's merges may copy in all, summed over its maps: far beyond real manifests. */
export const mergeBudget = 200_000;

export class MergeLimitError extends Error {
  constructor() {
    super(`its merge keys (<<) expand to more than ${mergeBudget} entries`);
    this.name = 'MergeLimitError';
  }
}

export interface Merged {
  /** Own keys first, then merged keys that no earlier entry has. */
  entries: Pair[];
  byKey: Map<unknown, Pair>;
}

const resolved = new WeakMap<YAMLMap, Merged>();
const spent = new WeakMap<Document, number>();
const resolving = new Set<YAMLMap>();

/** `<<`, parsed with merge keys on (a symbol) or off (a string). */
export function isMergeKey(key: unknown): boolean {
  const value = isScalar(key) ? key.value : key;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

export function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((item) => isMergeKey(item.key));
}

export function keyName(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/**
 * The distinct maps merged into `map`, in precedence order. A map that contains `map` (its own
 * ancestor, or itself) is left out: merging it would make the map contain itself without end.
 */
export function mergeSources(doc: Document, map: YAMLMap): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const item of map.items) {
    if (!isMergeKey(item.key)) continue;
    const value = deref(doc, item.value);
    const candidates = isSeq(value) ? value.items.map((v) => deref(doc, v)) : [value];
    for (const candidate of candidates) {
      if (isMap(candidate) && !out.includes(candidate) && !contains(candidate, map)) out.push(candidate);
    }
  }
  return out;
}

/**
 * A map's entries as Kubernetes sees them (kubectl applies merge keys): its own, then those of each
 * source in order, the first occurrence of a key winning. Throws MergeLimitError past the budget.
 */
export function mergedEntries(doc: Document, map: YAMLMap): Merged {
  const known = resolved.get(map);
  if (known) return known;
  const own = map.items.filter((p) => !isMergeKey(p.key));
  const merged: Merged = { entries: [...own], byKey: new Map() };
  for (const pair of own) if (!merged.byKey.has(keyName(pair))) merged.byKey.set(keyName(pair), pair);
  // A cycle the ancestor test cannot see (nodes without ranges) contributes nothing.
  if (resolving.has(map)) return merged;
  resolving.add(map);
  try {
    charge(doc, own.length);
    for (const source of mergeSources(doc, map)) {
      const entries = hasMergeKey(source) ? mergedEntries(doc, source).entries : source.items;
      charge(doc, entries.length);
      for (const pair of entries) {
        const name = keyName(pair);
        if (merged.byKey.has(name)) continue;
        merged.byKey.set(name, pair);
        merged.entries.push(pair);
      }
    }
  } finally {
    resolving.delete(map);
  }
  resolved.set(map, merged);
  return merged;
}

function charge(doc: Document, amount: number): void {
  const total = (spent.get(doc) ?? 0) + amount;
  spent.set(doc, total);
  if (total > mergeBudget) throw new MergeLimitError();
}

function deref(doc: Document, node: unknown): Node | undefined {
  if (node == null) return undefined;
  return isAlias(node) ? resolveAlias(doc, node) : (node as Node);
}

/** True when `outer` is `inner` or one of its ancestors: ranges of one document nest like the nodes. */
function contains(outer: YAMLMap, inner: YAMLMap): boolean {
  if (outer === inner) return true;
  const [a, b] = [outer.range, inner.range];
  return !!a && !!b && a[0] <= b[0] && b[1] <= a[1] && a[1] > a[0];
}
