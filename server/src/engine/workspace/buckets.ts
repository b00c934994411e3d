// Items of many files grouped under keys, updated file by file: replacing one file's items touches
// only the keys it had or has, and a key's list is flattened (in file order, so answers never depend
// on the order of events) once per change.

export class Buckets<T> {
  private readonly byKey = new Map<string, { byFile: Map<string, T[]>; flat?: T[] }>();

  /** Replaces `file`'s items: `before` and `after` grouped by key. */
  replace(file: string, before: ReadonlyMap<string, T[]>, after: ReadonlyMap<string, T[]>): void {
    for (const key of before.keys()) {
      const bucket = this.byKey.get(key);
      if (!bucket) continue;
      bucket.byFile.delete(file);
      bucket.flat = undefined;
      if (bucket.byFile.size === 0) this.byKey.delete(key);
    }
    for (const [key, items] of after) {
      let bucket = this.byKey.get(key);
      if (!bucket) this.byKey.set(key, (bucket = { byFile: new Map() }));
      bucket.byFile.set(file, items);
      bucket.flat = undefined;
    }
  }

  get(key: string): readonly T[] {
    const bucket = this.byKey.get(key);
    if (!bucket) return [];
    if (!bucket.flat) {
      const files = [...bucket.byFile.keys()].sort();
      bucket.flat = files.flatMap((f) => bucket.byFile.get(f)!);
    }
    return bucket.flat;
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Every item of every key. */
  all(): T[] {
    return [...this.byKey.keys()].sort().flatMap((k) => this.get(k));
  }
}

/** Groups items by a key. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
