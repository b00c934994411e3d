// The workspace's Namespace manifests and their Pod Security labels, indexed file by file, so a
// resource is checked at its namespace's level wherever the Namespace is declared. LSP-free; the
// server feeds it from the workspace scan (workspace.ts), open documents and watched files.

import { NamespacePolicies, NamespacePolicy } from './namespaces';

/** Namespace policies by the file that declares them; the merged view changes only when a policy does. */
export class NamespaceIndex {
  private readonly byFile = new Map<string, NamespacePolicy[]>();
  private merged: Map<string, NamespacePolicy> = new Map();
  /** Incremented whenever the merged policies change. */
  generation = 0;

  /** Sets one file's policies; returns true when the merged view changed. */
  set(file: string, policies: readonly NamespacePolicy[]): boolean {
    if (policies.length === 0) return this.delete(file);
    const before = this.byFile.get(file);
    if (before && same(before, policies)) return false;
    this.byFile.set(file, [...policies]);
    return this.rebuild();
  }

  delete(file: string): boolean {
    if (!this.byFile.delete(file)) return false;
    return this.rebuild();
  }

  /** Replaces every file under `prefix` (a folder path) with a fresh scan. */
  replaceUnder(prefix: string, scanned: ReadonlyMap<string, NamespacePolicy[]>): boolean {
    for (const file of [...this.byFile.keys()]) if (file.startsWith(prefix) && !scanned.has(file)) this.byFile.delete(file);
    for (const [file, policies] of scanned) this.byFile.set(file, policies);
    return this.rebuild();
  }

  get policies(): NamespacePolicies {
    return this.merged;
  }

  private rebuild(): boolean {
    const next = new Map<string, NamespacePolicy>();
    // Sorted by file so the winner among duplicate declarations does not depend on event order.
    for (const file of [...this.byFile.keys()].sort()) for (const p of this.byFile.get(file)!) next.set(p.namespace, p);
    const changed = next.size !== this.merged.size || [...next].some(([name, p]) => !same([p], [this.merged.get(name)]));
    this.merged = next;
    if (changed) this.generation++;
    return changed;
  }
}

function same(a: ReadonlyArray<NamespacePolicy | undefined>, b: ReadonlyArray<NamespacePolicy | undefined>): boolean {
  return a.length === b.length && a.every((p, i) => p?.namespace === b[i]?.namespace && p?.level === b[i]?.level && p?.minor === b[i]?.minor);
}
