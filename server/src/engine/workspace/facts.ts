// What the workspace model knows about each resource of each manifest, as plain data (no syntax
// trees): its identity and metadata, and the typed facts that rule families register through
// extractors. Positions are offsets into the file the fact came from, so hover can point at them.

import type { Node } from 'yaml';
import type { ParsedFile } from '../parse';
import type { Resource } from '../resources';
import type { ClusterPodSecurity } from '../namespaces';

/** Where a fact was declared. `line` is 0-based. */
export interface SourceRef {
  /** The file's key: an absolute path for files on disk, the URI otherwise. */
  file: string;
  offset: number;
  length: number;
  line: number;
}

/** Every resource of the workspace, by identity and metadata. */
export interface ResourceFact {
  /** The resource's `metadata.name` (or `kind` when unnamed). */
  at: SourceRef;
  documentIndex: number;
  apiVersion: string;
  kind: string;
  name: string;
  /** null: no `metadata.namespace` (the namespace it is applied to). */
  namespace: string | null;
  /** True when the namespace is a template expression, so it could be any. */
  namespaceUnknown: boolean;
  labels: Readonly<Record<string, string>>;
  /**
   * Annotation values, except `kubectl.kubernetes.io/last-applied-configuration`, whose value (a
   * copy of the whole object, secrets included) is kept as an empty string.
   */
  annotations: Readonly<Record<string, string>>;
}

/** A typed fact: plain data plus where it came from. */
export interface Fact {
  at: SourceRef;
}

/**
 * The namespace a fact is about, for narrowing re-checks and queries: a name, null for the
 * unspecified namespace, or `'*'` for any namespace (clusterwide objects, templated namespaces).
 */
export type NamespaceKey = string | null | '*';

/** What an extractor sees of a resource: the resource and a way to point at its nodes. */
export interface ExtractContext {
  file: string;
  /** Where a node is; the resource's name when no node is given. */
  at(node?: Node): SourceRef;
}

/**
 * A family's fact extractor: reads resources of some kinds and returns plain facts. Registered by
 * the rules that read it (`meta.reads`); the model keeps its facts per file and per namespace.
 */
export interface FactExtractor<T extends Fact = Fact> {
  /** `<family>.<name>`, e.g. `network.policy`. */
  id: string;
  /** The kinds it reads; `workload` is every kind with a pod template. Other documents are not parsed for it. */
  kinds: 'workload' | readonly string[];
  extract(resource: Resource, ctx: ExtractContext): T[];
  /** The namespace a fact is about (see NamespaceKey). */
  namespaceOf(fact: T): NamespaceKey;
  /**
   * Base names of files it reads whole through `extractFile`, resource or not: a build tool's own
   * file (which need not even carry `apiVersion` and `kind`) that says what other files are.
   */
  fileNames?: readonly string[];
  extractFile?(file: ParsedFile, ctx: FileExtractContext): T[];
  /**
   * The files of `fileNames` are not YAML (a `.gitignore`): read for their text only, they are never
   * checked as manifests.
   */
  raw?: boolean;
  /**
   * Files it reads from their text alone, by name and content (a scanner's JSON report, named as the
   * user likes): never parsed as YAML nor checked as manifests. `mayHold` is a cheap look at the text.
   */
  textFiles?: { name: RegExp; mayHold(text: string): boolean };
  extractText?(file: string, text: string): T[];
  /** The roles its facts give to files (see FileRole): the model applies them to those files. */
  roles?(fact: T): RoleClaim[];
  /** Cluster-wide Pod Security settings a fact declares: the model applies them to its namespace policies. */
  clusterPodSecurity?(fact: T): ClusterPodSecurity | undefined;
}

/** What a whole-file extractor sees besides the parsed file. */
export interface FileExtractContext {
  file: string;
  at(node: Node): SourceRef;
}

/**
 * What a file is to the workspace when a family says so (the engine does not know why):
 * - `partial`: fragments merged into resources declared elsewhere (a patch). A field it leaves out is
 *   not known, so rules report only the values it sets, and it is not a resource of the workspace.
 * - `not-a-resource`: a file that may look like a manifest but is input to a tool (a build tool's own
 *   file, a list of patch operations): rules do not check it and its resources are not in the workspace.
 */
export type FileRole = 'partial' | 'not-a-resource';

/** A role a fact gives to a file, by the file's key. */
export interface RoleClaim {
  file: string;
  role: FileRole;
}

/** The role a file has under several claims: being no resource at all outweighs being part of one. */
export function strongestRole(claims: readonly RoleClaim[]): FileRole | undefined {
  if (claims.length === 0) return undefined;
  return claims.some((c) => c.role === 'not-a-resource') ? 'not-a-resource' : 'partial';
}

/** The base name of a file key (a path of either style, or a URI). */
export function baseNameOf(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** True when an extractor reads this file for its text only: it is no manifest to check. */
export function readsRawFile(extractors: readonly FactExtractor[], file: string): boolean {
  return extractors.some((e) => e.raw === true && readsFile(e, file));
}

/** The extractors that read this file from its text alone (see FactExtractor.textFiles). */
export function textReaders(extractors: readonly FactExtractor[], file: string, text: string): FactExtractor[] {
  return extractors.filter((e) => e.extractText !== undefined && e.textFiles !== undefined && e.textFiles.name.test(baseNameOf(file)) && e.textFiles.mayHold(text));
}

/** The names of files extractors read from their text alone, for a folder search. */
export function textFileNames(extractors: readonly FactExtractor[]): RegExp[] {
  return extractors.flatMap((e) => (e.textFiles ? [e.textFiles.name] : []));
}

/** True when an extractor reads this file whole. */
export function readsFile(extractor: FactExtractor, file: string): boolean {
  return extractor.extractFile !== undefined && (extractor.fileNames ?? []).includes(baseNameOf(file));
}

export function defineFacts<T extends Fact>(extractor: FactExtractor<T>): FactExtractor<T> {
  return extractor;
}

/** The facts of one file: its resources and each extractor's facts. */
export interface FileEntry {
  file: string;
  resources: ResourceFact[];
  /** By extractor id. */
  facts: Map<string, Fact[]>;
}

export function emptyEntry(file: string): FileEntry {
  return { file, resources: [], facts: new Map() };
}

/** The keys of positions, at any depth of a fact: signatures leave them out. */
export const positionalKeys: ReadonlySet<string> = new Set(['at', 'file', 'offset', 'length', 'line', 'documentIndex']);

const withoutPositions = (key: string, value: unknown) => (positionalKeys.has(key) ? undefined : value);

/**
 * The texts without positions of the facts of open documents, kept while the facts live: their other
 * fields never change once extracted (a document moved in the editor moves only its facts'
 * positions), and re-signing a file of thousands of facts on every keystroke would cost more than the
 * keystroke. The workspace's other files are signed once per change and keep nothing.
 */
const itemTexts = new WeakMap<object, string>();
const kept = new WeakSet<object>();

/** Asks signatureOf to keep the texts of these facts (and resources) while they live. */
export function keepSignatures(entry: FileEntry): void {
  for (const r of entry.resources) kept.add(r);
  for (const list of entry.facts.values()) for (const f of list) kept.add(f);
}

function itemText(item: unknown): string {
  if (item === null || typeof item !== 'object' || !kept.has(item)) return JSON.stringify(item, withoutPositions) ?? 'null';
  let text = itemTexts.get(item);
  if (text === undefined) itemTexts.set(item, (text = JSON.stringify(item, withoutPositions)));
  return text;
}

/** A list of facts without positions: equal signatures mean no rule can answer differently. */
export function signatureOf(list: readonly unknown[]): string {
  // The same text as JSON.stringify(list) without positional keys, item by item.
  return digest(`[${list.map(itemText).join(',')}]`);
}

/**
 * A 64-bit digest (two independent 32-bit FNV-1a-style lanes) of a signature: the model keeps one
 * per channel of every file, so a digest instead of the text keeps the index small; a collision
 * (odds about 2^-64 per change) would only skip one re-check.
 */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}
