// The workspace index: for every manifest of the workspace, the plain facts that cross-file rules
// need (workloads, network policies, Namespaces; see network/facts.ts), kept per file and updated
// file by file, with a generation that changes only when some fact does. Also the folder scan that
// fills it (honouring exclude globs, skipping node_modules and .git and large files) and the view
// that workspace-scope rules read: the live file's facts over the other files' indexed ones.

import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { NetworkView } from './network/coverage';
import { emptyFacts, FileFacts, factsOf, factsSignature, NamespaceRef, PolicyFact, policyKinds, SecretFact, WorkloadFact } from './network/facts';
import { documentRanges, parseManifest, splittable } from './parse';
import { resourcesOf } from './resources';
import { LineIndex } from './text';
import { workloadKinds } from './workload';

export type WorkspaceView = NetworkView;

/** Namespace buckets: a string key per namespace, one for "unspecified", one for templated namespaces. */
const unspecified = '\u0000unspecified';

function bucketOf(ref: NamespaceRef): string | undefined {
  if (ref.namespaceUnknown) return undefined;
  return ref.namespace ?? unspecified;
}

interface Buckets {
  secrets: SecretFact[];
  policies: Map<string, PolicyFact[]>;
  /** Clusterwide policies, and policies whose namespace is a template expression. */
  anywherePolicies: PolicyFact[];
  workloads: Map<string, WorkloadFact[]>;
  /** Workloads whose namespace is a template expression. */
  anywhereWorkloads: WorkloadFact[];
  allWorkloads: WorkloadFact[];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function bucketsOf(files: Iterable<FileFacts>): Buckets {
  const b: Buckets = { secrets: [], policies: new Map(), anywherePolicies: [], workloads: new Map(), anywhereWorkloads: [], allWorkloads: [] };
  for (const facts of files) {
    b.secrets.push(...facts.secrets);
    for (const p of facts.policies) {
      const key = p.clusterwide ? undefined : bucketOf(p);
      if (key === undefined) b.anywherePolicies.push(p);
      else push(b.policies, key, p);
    }
    for (const w of facts.workloads) {
      b.allWorkloads.push(w);
      const key = bucketOf(w);
      if (key === undefined) b.anywhereWorkloads.push(w);
      else push(b.workloads, key, w);
    }
  }
  return b;
}

/** Every manifest's facts by file key (absolute path, or URI for files not on disk). */
export class WorkspaceIndex {
  private readonly files = new Map<string, { facts: FileFacts; signature: string }>();
  private buckets: Buckets | undefined;
  /** Incremented whenever a fact (not merely a position) changes. */
  generation = 0;

  get size(): number {
    return this.files.size;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get(file: string): FileFacts | undefined {
    return this.files.get(file)?.facts;
  }

  /** Sets one file's facts; returns true when some fact changed (positions alone do not count). */
  set(file: string, facts: FileFacts): boolean {
    const signature = factsSignature(facts);
    const before = this.files.get(file);
    const empty = facts.workloads.length === 0 && facts.policies.length === 0 && facts.namespaces.length === 0 && facts.pss.length === 0 && facts.secrets.length === 0;
    if (empty) return this.delete(file);
    this.files.set(file, { facts, signature });
    this.buckets = undefined;
    if (before && before.signature === signature) return false;
    this.generation++;
    return true;
  }

  /** Parses a file's text and indexes its facts. */
  setText(file: string, text: string): boolean {
    return this.set(file, factsOfText(file, text));
  }

  delete(file: string): boolean {
    if (!this.files.delete(file)) return false;
    this.buckets = undefined;
    this.generation++;
    return true;
  }

  /** Replaces every file under `prefix` (a folder path ending with a separator) with a fresh scan. */
  replaceUnder(prefix: string, scanned: ReadonlyMap<string, FileFacts>, keep: (file: string) => boolean = () => false): boolean {
    let changed = false;
    for (const file of [...this.files.keys()]) {
      if (file.startsWith(prefix) && !scanned.has(file) && !keep(file)) changed = this.delete(file) || changed;
    }
    for (const [file, facts] of scanned) if (!keep(file)) changed = this.set(file, facts) || changed;
    return changed;
  }

  all(): IterableIterator<FileFacts> {
    return [...this.files.values()].map((e) => e.facts)[Symbol.iterator]();
  }

  private get aggregated(): Buckets {
    if (!this.buckets) this.buckets = bucketsOf([...this.files.values()].map((e) => e.facts));
    return this.buckets;
  }

  /** The view a workspace rule reads while `own` (the live file's current facts) is checked. */
  view(own: FileFacts): WorkspaceView {
    return workspaceView(own, this);
  }

  /** Every file's facts bucketed by namespace, rebuilt lazily after a change. */
  aggregate(): Buckets {
    return this.aggregated;
  }
}

/** A view of the live file alone (no other files), or over an index's other files. */
export function workspaceView(own: FileFacts, index?: WorkspaceIndex): WorkspaceView {
  const mine = bucketsOf([own]);
  const others = index?.aggregate();
  const notOwn = <T extends { file: string }>(list: readonly T[] | undefined): T[] => (list ? list.filter((x) => x.file !== own.file) : []);
  return {
    own,
    secretsIn(namespace) {
      return [...mine.secrets, ...notOwn(others?.secrets)].filter((s) => s.namespace === namespace);
    },
    policiesFor(ref) {
      const key = bucketOf(ref);
      const out: PolicyFact[] = [...mine.anywherePolicies, ...notOwn(others?.anywherePolicies)];
      if (key === undefined) {
        // A templated namespace could be any of them.
        for (const list of mine.policies.values()) out.push(...list);
        if (others) for (const list of others.policies.values()) out.push(...notOwn(list));
        return out;
      }
      out.push(...(mine.policies.get(key) ?? []), ...notOwn(others?.policies.get(key)));
      return out;
    },
    workloadsFor(ref) {
      const policy = ref as Partial<PolicyFact>;
      if (policy.clusterwide) return [...mine.allWorkloads, ...notOwn(others?.allWorkloads)];
      const key = bucketOf(ref);
      if (key === undefined) return [...mine.allWorkloads, ...notOwn(others?.allWorkloads)];
      return [...(mine.workloads.get(key) ?? []), ...notOwn(others?.workloads.get(key)), ...mine.anywhereWorkloads, ...notOwn(others?.anywhereWorkloads)];
    },
  };
}

/** A cheap test that spares parsing YAML that cannot hold a Kubernetes resource. */
const mayHoldResource = /["']?\bkind["']?\s*:/;

/** Documents of these kinds (or Lists, which may hold them) carry facts; the others are not parsed. */
const relevantKind = new RegExp(`\\bkind["']?[ \\t]*:[ \\t]*["']?(?:${[...workloadKinds, ...policyKinds, 'Namespace', 'Secret', '\\w*List'].join('|')})(?![\\w-])`);

/**
 * The facts of one file's text; a file that cannot be parsed declares nothing. Only the documents
 * whose `kind` line names a relevant kind are parsed: a big ConfigMap or CRD costs a regex, not a parse.
 */
export function factsOfText(file: string, raw: string): FileFacts {
  if (!mayHoldResource.test(raw)) return emptyFacts(file);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    if (!splittable(text) || /^\s*[{[]/.test(text)) {
      const parsed = parseManifest(text);
      return parsed.skipped ? emptyFacts(file) : factsOf(file, resourcesOf(parsed), parsed.lines);
    }
    const facts = emptyFacts(file);
    let lines: LineIndex | undefined;
    for (const [start, end] of documentRanges(text)) {
      const chunk = text.slice(start, end);
      if (!relevantKind.test(chunk)) continue;
      const parsed = parseManifest(chunk);
      if (parsed.skipped) return emptyFacts(file);
      const part = factsOf(file, resourcesOf(parsed), parsed.lines);
      lines ??= new LineIndex(text);
      const place = <T extends { offset: number; line: number }>(x: T): T => ({ ...x, offset: x.offset + start, line: lines!.position(x.offset + start).line });
      facts.workloads.push(...part.workloads.map(place));
      facts.policies.push(...part.policies.map(place));
      facts.namespaces.push(...part.namespaces.map(place));
      facts.pss.push(...part.pss);
      facts.secrets.push(...part.secrets.map(place));
    }
    return facts;
  } catch {
    return emptyFacts(file);
  }
}

// ------------------------------------------------------------------------------------------------
// Exclusion globs (VS Code's `files.exclude` and `kubeHarden.exclude` syntax: `**`, `*`, `?`, `{a,b}`, `[…]`).

/** A glob as a regular expression over forward-slash paths relative to the workspace folder. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  if (g.startsWith('/')) g = g.slice(1);
  let out = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashBefore = i === 0 || g[i - 1] === '/';
        const slashAfter = g[i + 2] === '/';
        if (slashBefore && slashAfter) {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Compiled exclusion globs: a path is excluded when it, or a folder above it, matches one. */
export class ExcludeMatcher {
  private readonly patterns: RegExp[];

  constructor(globs: readonly string[]) {
    this.patterns = globs.filter((g) => typeof g === 'string' && g.trim() !== '').map(globToRegExp);
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** `path` relative to the workspace folder, with forward slashes. */
  excludes(path: string): boolean {
    if (this.patterns.length === 0) return false;
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (this.patterns.some((p) => p.test(prefix))) return true;
    }
    return false;
  }
}

/** The globs of a `files.exclude`-style object whose value is `true`. */
export function enabledGlobs(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).filter(([, v]) => v === true).map(([k]) => k);
}

// ------------------------------------------------------------------------------------------------
// The folder scan.

export interface WorkspaceScanOptions {
  /** Files larger than this are not read (default 2 MB). */
  maxFileSize?: number;
  /** Stop after this many YAML files, so a huge monorepo cannot stall start-up (default 50,000). */
  maxFiles?: number;
  /** Paths relative to the folder that are not indexed. */
  exclude?: ExcludeMatcher;
  /** Checked between files; the scan stops early when it returns true. */
  cancelled?: () => boolean;
  /** Files read concurrently (default 16). */
  concurrency?: number;
}

const skipDirectories = new Set(['node_modules', '.git', '.hg', '.svn']);
export const manifestFile = /\.ya?ml$/i;

/** The `*.yaml` / `*.yml` files under a folder (absolute paths), minus excluded ones. */
export async function listManifests(folder: string, options: WorkspaceScanOptions = {}): Promise<string[]> {
  const maxFiles = options.maxFiles ?? 50000;
  const out: string[] = [];
  const pending = [folder];
  while (pending.length > 0 && out.length < maxFiles) {
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
      const rel = relative(folder, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!skipDirectories.has(entry.name) && !options.exclude?.excludes(rel)) pending.push(path);
        continue;
      }
      if (!entry.isFile() || !manifestFile.test(entry.name) || options.exclude?.excludes(rel)) continue;
      out.push(path);
      if (out.length >= maxFiles) break;
    }
  }
  return out;
}

/** Scans a folder and returns the facts of every manifest that declares any, keyed by absolute path. */
export async function scanWorkspace(folder: string, options: WorkspaceScanOptions = {}): Promise<Map<string, FileFacts>> {
  const maxFileSize = options.maxFileSize ?? 2 * 1024 * 1024;
  const files = await listManifests(folder, options);
  const out = new Map<string, FileFacts>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      if (options.cancelled?.()) return;
      const path = files[next++];
      try {
        const stat = await fs.stat(path);
        if (stat.size > maxFileSize) continue;
        const facts = factsOfText(path, await fs.readFile(path, 'utf8'));
        if (facts.workloads.length || facts.policies.length || facts.namespaces.length || facts.pss.length) out.set(path, facts);
      } catch {
        // A file that vanished or cannot be read simply declares nothing.
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  return out;
}

/** Reads one file for the index (size-limited); undefined when it is missing, unreadable or too large. */
export async function readManifestForIndex(path: string, maxFileSize = 2 * 1024 * 1024): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > maxFileSize) return undefined;
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The namespaces a file's facts are about (`*`: any namespace — clusterwide or templated). */
export function namespacesOf(facts: FileFacts | undefined): Set<string> {
  const out = new Set<string>();
  if (!facts) return out;
  for (const p of facts.policies) out.add(p.clusterwide ? '*' : (bucketOf(p) ?? '*'));
  for (const w of facts.workloads) out.add(bucketOf(w) ?? '*');
  for (const n of facts.namespaces) out.add(n.name);
  return out;
}

/** Whether a change about namespaces `changed` can alter the findings of a file about namespaces `of`. */
export function touches(changed: ReadonlySet<string>, of: ReadonlySet<string>): boolean {
  if (changed.size === 0 || of.size === 0) return false;
  if (changed.has('*') || of.has('*')) return true;
  for (const n of changed) if (of.has(n)) return true;
  return false;
}
