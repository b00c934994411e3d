// The workspace's Namespace manifests and their Pod Security labels: a folder scan at start-up and
// an index updated file by file, so a resource is checked at its namespace's level wherever the
// Namespace is declared. LSP-free; the server feeds it from open documents and watched files.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { NamespacePolicies, NamespacePolicy, namespacePolicies } from './namespaces';
import { parseManifest } from './parse';
import { resourcesOf } from './resources';

export interface NamespaceScanOptions {
  /** Files larger than this are not read (default 2 MB). */
  maxFileSize?: number;
  /** Stop after this many YAML files, so a huge monorepo cannot stall start-up (default 20,000). */
  maxFiles?: number;
  /** Directory names never entered. */
  skipDirectories?: readonly string[];
  /** Checked between files; the scan stops early when it returns true. */
  cancelled?: () => boolean;
}

const defaultSkip = ['node_modules', '.git', '.hg', '.svn'];

/** A cheap test that spares parsing files that cannot declare a Namespace. */
export function mayDeclareNamespace(text: string): boolean {
  return /kind:\s*["']?Namespace["']?\s*(?:#.*)?$/m.test(text);
}

/** The Namespace policies declared in one file's text. */
export function namespacePoliciesOfText(text: string): NamespacePolicy[] {
  if (!mayDeclareNamespace(text)) return [];
  try {
    return [...namespacePolicies(resourcesOf(parseManifest(text))).values()];
  } catch {
    return [];
  }
}

/** Scans a folder for `*.yaml` / `*.yml` files that declare Namespaces; keys are absolute paths. */
export async function scanNamespaces(folder: string, options: NamespaceScanOptions = {}): Promise<Map<string, NamespacePolicy[]>> {
  const maxFileSize = options.maxFileSize ?? 2 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 20000;
  const skip = new Set(options.skipDirectories ?? defaultSkip);
  const out = new Map<string, NamespacePolicy[]>();
  const pending = [folder];
  let seen = 0;
  while (pending.length > 0 && seen < maxFiles) {
    if (options.cancelled?.()) break;
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) pending.push(path);
        continue;
      }
      if (!entry.isFile() || !/\.ya?ml$/i.test(entry.name)) continue;
      if (++seen > maxFiles) break;
      try {
        const stat = await fs.stat(path);
        if (stat.size > maxFileSize) continue;
        const policies = namespacePoliciesOfText(await fs.readFile(path, 'utf8'));
        if (policies.length > 0) out.set(path, policies);
      } catch {
        // A file that vanished or cannot be read simply declares nothing.
      }
    }
  }
  return out;
}

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
