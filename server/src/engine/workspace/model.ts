// The workspace model: the one owner of cross-file facts. For every manifest of the workspace it
// holds each resource's identity and metadata and the typed facts of the families' extractors, set
// and replaced file by file (an open editor's text, else the disk: the caller decides), queryable by
// kind, namespace and name in constant time. Every change says which channels (an extractor's
// facts, or the resources of a kind) and which namespaces it touched, so the server re-checks only
// what a change can alter. Pure: no IO.

import { namespacePolicyOf, NamespacePolicies, NamespacePolicy, withClusterSettings } from '../namespaces';
import { Buckets, groupBy, none } from './buckets';
import { Fact, FactExtractor, FileEntry, FileRole, NamespaceKey, ResourceFact, RoleClaim, signatureOf, strongestRole } from './facts';

export interface ResourceQuery {
  kind?: string;
  /** A namespace name, or null for resources without `metadata.namespace`; all namespaces when absent. */
  namespace?: string | null;
  name?: string;
}

/** What one file's update changed. */
export interface ChangeSet {
  /** Extractor ids, and `resources:<Kind>` for each kind whose resources changed. */
  channels: Set<string>;
  /** The namespaces the changed facts are about (`'*'`: any). */
  namespaces: Set<NamespaceKey>;
  /** Files whose role (see FileRole) changed: their own findings may change although their text did not. */
  files: Set<string>;
}

/** What a rule reads of the workspace: every file's facts, as of the file being checked. */
export interface WorkspaceView {
  /** The key of the file being checked. */
  readonly file: string;
  /** Resources by kind, namespace and name (any combination). */
  resources(query?: ResourceQuery): readonly ResourceFact[];
  /** An extractor's facts about a namespace (and those about any namespace); all of them for `'*'` or no namespace. */
  facts<T extends Fact>(extractor: FactExtractor<T>, namespace?: NamespaceKey): readonly T[];
  /** The Pod Security labels of the workspace's Namespaces, by namespace name. */
  namespacePolicies(): NamespacePolicies;
  /** The role a family gives to the file being checked (see FileRole); undefined for a manifest like any other. */
  role(): FileRole | undefined;
}

export const resourceChannel = (kind: string) => `resources:${kind}`;

const namespaceBucket = (key: NamespaceKey) => (key === '*' ? '*' : key === null ? '\u0000' : `n:${key}`);
const resourceKey = (kind: string, namespace?: string | null, name?: string) => `${kind}\u0000${namespace === undefined ? '' : namespaceBucket(namespace)}${name === undefined ? '' : `\u0000${name}`}`;

interface Stored {
  entry: FileEntry;
  /** Signatures by channel, to tell a real change from a move. */
  signatures: Map<string, string>;
}

let models = 0;

export class WorkspaceModel {
  /**
   * Tells models apart: generations count from zero in each, so results cached under one model's
   * generations must not be taken for another's (an analyzer handed a new model, as tests do).
   */
  readonly instance = ++models;
  private readonly files = new Map<string, Stored>();
  private readonly byKind = new Buckets<ResourceFact>();
  private readonly byNamespace = new Buckets<ResourceFact>();
  private readonly byName = new Buckets<ResourceFact>();
  private readonly facts = new Map<string, Buckets<Fact>>();
  private readonly extractors: Map<string, FactExtractor>;
  private readonly generations = new Map<string, number>();
  /** Role claims by the file they are about (see FileRole). */
  private readonly claims = new Buckets<RoleClaim>();
  private policies: { generation: string; value: NamespacePolicies } | undefined;
  /** Incremented whenever a fact (not merely a position) changes. */
  generation = 0;

  constructor(extractors: readonly FactExtractor[] = []) {
    this.extractors = new Map(extractors.map((e) => [e.id, e]));
  }

  get size(): number {
    return this.files.size;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get(file: string): FileEntry | undefined {
    return this.files.get(file)?.entry;
  }

  keys(): string[] {
    return [...this.files.keys()];
  }

  /** The generation of a channel: changes whenever its facts do. */
  channelGeneration(channel: string): number {
    return this.generations.get(channel) ?? 0;
  }

  /** Sets one file's facts; returns what changed (undefined: nothing but positions). */
  set(entry: FileEntry): ChangeSet | undefined {
    if (entry.resources.length === 0 && entry.facts.size === 0) return this.delete(entry.file);
    return this.replace(entry.file, this.files.get(entry.file), { entry, signatures: this.signaturesOf(entry) });
  }

  delete(file: string): ChangeSet | undefined {
    const before = this.files.get(file);
    return before ? this.replace(file, before, undefined) : undefined;
  }

  /** The role families give to a file (see FileRole); undefined for a manifest like any other. */
  roleOf(file: string): FileRole | undefined {
    return strongestRole(this.claims.get(file));
  }

  /**
   * Replaces a file's facts. A file with a role is kept but not indexed, but for the facts that give
   * roles: it is no resource of the workspace. The roles its facts give may show or hide other files.
   */
  private replace(file: string, before: Stored | undefined, after: Stored | undefined): ChangeSet | undefined {
    const hidden = this.roleOf(file) !== undefined;
    const seenBefore = this.visible(before, hidden);
    const seenAfter = this.visible(after, hidden);
    this.index(file, seenBefore?.entry, seenAfter?.entry);
    if (after) this.files.set(file, after);
    else this.files.delete(file);
    let change = this.changed(seenBefore, seenAfter);
    for (const target of this.claim(file, before?.entry, after?.entry)) {
      change = merge(change, this.roleChanged(target.file, target.was));
    }
    return change;
  }

  /** Replaces a file's role claims; returns the files whose role changed, with the role they had. */
  private claim(file: string, before: FileEntry | undefined, after: FileEntry | undefined): Array<{ file: string; was: FileRole | undefined }> {
    const claimsOf = (entry: FileEntry | undefined) => {
      const out: RoleClaim[] = [];
      for (const [id, list] of entry?.facts ?? []) {
        const roles = this.extractors.get(id)?.roles;
        if (roles) for (const fact of list) out.push(...roles(fact));
      }
      return groupBy(out, (c) => c.file);
    };
    const old = claimsOf(before);
    const now = claimsOf(after);
    if (old.size === 0 && now.size === 0) return [];
    const targets = new Set([...old.keys(), ...now.keys()]);
    const was = new Map([...targets].map((t) => [t, this.roleOf(t)]));
    this.claims.replace(file, old, now);
    return [...targets].filter((t) => this.roleOf(t) !== was.get(t)).map((t) => ({ file: t, was: was.get(t) }));
  }

  /** A file's role changed: it leaves or re-enters the index. */
  private roleChanged(file: string, was: FileRole | undefined): ChangeSet {
    const stored = this.files.get(file);
    const hiddenNow = this.roleOf(file) !== undefined;
    let change: ChangeSet | undefined;
    if (stored && hiddenNow !== (was !== undefined)) {
      const before = this.visible(stored, !hiddenNow);
      const after = this.visible(stored, hiddenNow);
      this.index(file, before?.entry, after?.entry);
      change = this.changed(before, after);
    }
    if (!change) {
      this.generation++;
      change = { channels: new Set(), namespaces: new Set(), files: new Set() };
    }
    change.files.add(file);
    return change;
  }

  /** What of a file the indexes hold: all of it, or for a file with a role only the facts that give roles. */
  private visible(stored: Stored | undefined, hidden: boolean): Stored | undefined {
    if (!stored || !hidden) return stored;
    const facts = new Map([...stored.entry.facts].filter(([id]) => this.extractors.get(id)?.roles));
    const signatures = new Map([...stored.signatures].filter(([channel]) => facts.has(channel)));
    return { entry: { file: stored.entry.file, resources: [], facts }, signatures };
  }

  resources(query: ResourceQuery = {}): readonly ResourceFact[] {
    const { kind, namespace, name } = query;
    if (kind === undefined) {
      const all = this.byKind.all();
      return all.filter((r) => (namespace === undefined || r.namespace === namespace) && (name === undefined || r.name === name));
    }
    if (namespace === undefined) {
      const list = this.byKind.get(kind);
      return name === undefined ? list : list.filter((r) => r.name === name);
    }
    return name === undefined ? this.byNamespace.get(resourceKey(kind, namespace)) : this.byName.get(resourceKey(kind, namespace, name));
  }

  factsOf<T extends Fact>(extractor: FactExtractor<T>, namespace?: NamespaceKey): readonly T[] {
    const buckets = this.facts.get(extractor.id) as Buckets<T> | undefined;
    if (!buckets) return none;
    if (namespace === undefined || namespace === '*') return buckets.all();
    const own = buckets.get(namespaceBucket(namespace));
    const any = buckets.get('*');
    return any.length === 0 ? own : own.length === 0 ? any : [...own, ...any];
  }

  namespacePolicies(): NamespacePolicies {
    const sources = [...this.extractors.values()].filter((e) => e.clusterPodSecurity);
    const generation = [resourceChannel('Namespace'), ...sources.map((e) => e.id)].map((c) => this.channelGeneration(c)).join(',');
    if (this.policies?.generation !== generation) {
      const value = new Map<string, NamespacePolicy>();
      for (const fact of this.byKind.get('Namespace')) {
        const policy = namespacePolicyOf(fact);
        if (policy) value.set(policy.namespace, policy);
      }
      const settings = sources.flatMap((e) => this.factsOf(e).flatMap((f) => e.clusterPodSecurity!(f) ?? []));
      this.policies = { generation, value: withClusterSettings(value, settings) };
    }
    return this.policies.value;
  }

  get extractorList(): FactExtractor[] {
    return [...this.extractors.values()];
  }

  /**
   * What rules read while `file` is checked. Its facts must be set first from its current text, or
   * given as `overlay`: the facts of a file that takes no part in the workspace (an excluded file
   * open in the editor), which it alone sees, over the others'.
   */
  view(file: string, overlay?: FileEntry): WorkspaceView {
    if (!overlay) {
      return {
        file,
        resources: (query) => this.resources(query),
        facts: (extractor, namespace) => this.factsOf(extractor, namespace),
        namespacePolicies: () => this.namespacePolicies(),
        role: () => this.roleOf(file),
      };
    }
    const alone = new WorkspaceModel([...this.extractors.values()]);
    alone.set(overlay);
    const others = <T extends { at: { file: string } }>(list: readonly T[]) => list.filter((x) => x.at.file !== file);
    return {
      file,
      resources: (query) => [...others(this.resources(query)), ...alone.resources(query)],
      facts: (extractor, namespace) => [...others(this.factsOf(extractor, namespace)), ...alone.factsOf(extractor, namespace)],
      namespacePolicies: () => new Map([...this.namespacePolicies(), ...alone.namespacePolicies()]),
      role: () => this.roleOf(file) ?? alone.roleOf(file),
    };
  }

  /** The namespaces a file's facts are about (`'*'`: any namespace); empty for a file not in the model. */
  namespacesOfFile(file: string): Set<NamespaceKey> {
    const out = new Set<NamespaceKey>();
    const stored = this.files.get(file);
    if (!stored) return out;
    for (const r of stored.entry.resources) out.add(aboutNamespace(r));
    for (const [id, list] of stored.entry.facts) for (const f of list) out.add(this.namespaceOf(id, f));
    return out;
  }

  private namespaceOf(id: string, fact: Fact): NamespaceKey {
    const extractor = this.extractors.get(id);
    return extractor ? extractor.namespaceOf(fact) : '*';
  }

  private signaturesOf(entry: FileEntry): Map<string, string> {
    const out = new Map<string, string>();
    for (const [kind, list] of groupBy(entry.resources, (r) => r.kind)) out.set(resourceChannel(kind), signatureOf(list));
    for (const [id, list] of entry.facts) if (list.length > 0) out.set(id, signatureOf(list));
    return out;
  }

  private index(file: string, before: FileEntry | undefined, after: FileEntry | undefined): void {
    const resources = (entry: FileEntry | undefined, key: (r: ResourceFact) => string) => groupBy(entry?.resources ?? [], key);
    this.byKind.replace(
      file,
      resources(before, (r) => r.kind),
      resources(after, (r) => r.kind),
    );
    this.byNamespace.replace(
      file,
      resources(before, (r) => resourceKey(r.kind, r.namespace)),
      resources(after, (r) => resourceKey(r.kind, r.namespace)),
    );
    this.byName.replace(
      file,
      resources(before, (r) => resourceKey(r.kind, r.namespace, r.name)),
      resources(after, (r) => resourceKey(r.kind, r.namespace, r.name)),
    );
    const ids = new Set([...(before?.facts.keys() ?? []), ...(after?.facts.keys() ?? [])]);
    for (const id of ids) {
      let buckets = this.facts.get(id);
      if (!buckets) this.facts.set(id, (buckets = new Buckets()));
      const group = (entry: FileEntry | undefined) => groupBy(entry?.facts.get(id) ?? [], (f) => namespaceBucket(this.namespaceOf(id, f)));
      buckets.replace(file, group(before), group(after));
    }
  }

  private changed(before: Stored | undefined, after: Stored | undefined): ChangeSet | undefined {
    const channels = new Set<string>();
    const all = new Set([...(before?.signatures.keys() ?? []), ...(after?.signatures.keys() ?? [])]);
    for (const channel of all) if (before?.signatures.get(channel) !== after?.signatures.get(channel)) channels.add(channel);
    if (channels.size === 0) return undefined;
    const namespaces = new Set<NamespaceKey>();
    for (const stored of [before, after]) {
      if (!stored) continue;
      for (const r of stored.entry.resources) {
        if (channels.has(resourceChannel(r.kind))) namespaces.add(aboutNamespace(r));
      }
      for (const [id, list] of stored.entry.facts) if (channels.has(id)) for (const f of list) namespaces.add(this.namespaceOf(id, f));
    }
    for (const channel of channels) this.generations.set(channel, this.channelGeneration(channel) + 1);
    this.generation++;
    return { channels, namespaces, files: new Set() };
  }
}

function merge(a: ChangeSet | undefined, b: ChangeSet): ChangeSet {
  if (!a) return b;
  for (const c of b.channels) a.channels.add(c);
  for (const n of b.namespaces) a.namespaces.add(n);
  for (const f of b.files) a.files.add(f);
  return a;
}

/** The namespace a resource is about: its own, or for a Namespace the one it names. */
function aboutNamespace(r: ResourceFact): NamespaceKey {
  if (r.kind === 'Namespace') return r.name;
  return r.namespaceUnknown ? '*' : r.namespace;
}

/** Whether a change about `changed` namespaces can alter what is seen from namespaces `of`. */
export function touches(changed: ReadonlySet<NamespaceKey>, of: ReadonlySet<NamespaceKey>): boolean {
  if (changed.size === 0 || of.size === 0) return false;
  if (changed.has('*') || of.has('*')) return true;
  for (const n of changed) if (of.has(n)) return true;
  return false;
}
