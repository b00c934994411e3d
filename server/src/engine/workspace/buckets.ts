// Items of many files grouped under keys, updated file by file: replacing one file's items touches
// only the keys it had or has, and a key's list is flattened (in file order, so answers never depend
// on the order of events) once per change.

/**
 * A key's items by file. Most keys of a large workspace (a resource's name, say) belong to one
 * file, so such a key holds that file's list directly; a Map appears only when a second file has it.
 */
interface Bucket<T> {
  file?: string;
  items?: T[];
  byFile?: Map<string, T[]>;
  flat?: T[];
}

/** The answer where there is nothing: one array, so that an index kept per answer holds. */
export const none: readonly never[] = Object.freeze([]);

export class Buckets<T> {
  private readonly byKey = new Map<string, Bucket<T>>();
  /**
   * `all()` as last flattened: the same array until a change, so that rules may index it once per
   * change (a WeakMap keyed by it) instead of once per resource checked.
   */
  private everything: T[] | undefined;

  /** Replaces `file`'s items: `before` and `after` grouped by key. */
  replace(file: string, before: ReadonlyMap<string, T[]>, after: ReadonlyMap<string, T[]>): void {
    if (before.size > 0 || after.size > 0) this.everything = undefined;
    for (const key of before.keys()) {
      const bucket = this.byKey.get(key);
      if (bucket && remove(bucket, file)) this.byKey.delete(key);
    }
    for (const [key, items] of after) {
      const bucket = this.byKey.get(key);
      if (bucket) add(bucket, file, items);
      else this.byKey.set(key, { file, items });
    }
  }

  get(key: string): readonly T[] {
    const bucket = this.byKey.get(key);
    if (!bucket) return none;
    if (bucket.items) return bucket.items;
    if (!bucket.flat) {
      const files = [...bucket.byFile!.keys()].sort();
      bucket.flat = files.flatMap((f) => bucket.byFile!.get(f)!);
    }
    return bucket.flat;
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Every item of every key; the same array until the next change (never to be changed by the caller). */
  all(): readonly T[] {
    this.everything ??= [...this.byKey.keys()].sort().flatMap((k) => this.get(k));
    return this.everything;
  }
}

/** Removes a file's items; true when the bucket is left empty. */
function remove<T>(bucket: Bucket<T>, file: string): boolean {
  if (bucket.items) return bucket.file === file;
  bucket.byFile!.delete(file);
  bucket.flat = undefined;
  if (bucket.byFile!.size === 1) {
    const [[only, items]] = bucket.byFile!;
    Object.assign(bucket, { file: only, items, byFile: undefined });
  }
  return bucket.byFile?.size === 0;
}

function add<T>(bucket: Bucket<T>, file: string, items: T[]): void {
  if (bucket.items && bucket.file === file) {
    bucket.items = items;
    return;
  }
  if (bucket.items) {
    bucket.byFile = new Map([[bucket.file!, bucket.items]]);
    bucket.file = bucket.items = undefined;
  }
  bucket.byFile!.set(file, items);
  bucket.flat = undefined;
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
