// Turning a file into its workspace facts: from the parsed resources of an open document, or from
// the text of a file on disk, where only the documents some extractor reads are parsed in full and
// the others only as far as their identity (`apiVersion`, `kind`, `metadata`): a 20,000-line CRD
// costs a scan of its top-level keys, not a parse.

import type { Node } from 'yaml';
import { defaultLimits, documentRanges, ParsedFile, parseManifest, splittable, tooManyDocuments } from '../parse';
import { otherFileChecked, readsKind, Resource, resourcesOf, stringMap } from '../resources';
import { isTemplatedText } from '../selectors';
import { LineIndex } from '../text';
import { workloadKinds } from '../workload';
import { nodeAt, span } from '../yaml-ast';
import { ExtractContext, Fact, FactExtractor, FileEntry, emptyEntry, readsFile, ResourceFact, SourceRef } from './facts';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

export function sourceRef(file: string, lines: LineIndex, node: Node): SourceRef {
  const [start, end] = span(node);
  return { file, offset: start, length: end - start, line: lines.position(start).line };
}

/** Shared by every resource without labels (or annotations): most of a large workspace. */
const noEntries: Record<string, string> = Object.freeze(Object.create(null));

function record(map: Map<string, { value: string }>, omit?: string): Record<string, string> {
  if (map.size === 0) return noEntries;
  // No prototype: a label named `__proto__` is just a label.
  const out: Record<string, string> = Object.create(null);
  for (const [key, { value }] of map) out[key] = key === omit ? '' : value;
  return out;
}

export function resourceFact(file: string, lines: LineIndex, resource: Resource): ResourceFact {
  const metadata = nodeAt(resource.doc, resource.root, ['metadata']);
  return {
    at: sourceRef(file, lines, resource.anchor),
    documentIndex: resource.document.index,
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: resource.name,
    namespace: resource.namespace,
    namespaceUnknown: resource.namespace !== null && isTemplatedText(resource.namespace),
    labels: record(stringMap(resource.doc, metadata, 'labels')),
    annotations: record(stringMap(resource.doc, metadata, 'annotations'), lastApplied),
  };
}

/** What an extractor declares about one resource of a file (positions in that file). */
export function factsOfResource<T extends Fact>(extractor: FactExtractor<T>, resource: Resource, file: string, lines: LineIndex): T[] {
  return extractor.extract(resource, { file, at: (node) => sourceRef(file, lines, node ?? resource.anchor) });
}

/** True when the extractor reads resources of this kind. */
export function reads(extractor: FactExtractor, kind: string, apiVersion: string): boolean {
  return extractor.kinds === 'workload' ? workloadKinds.includes(kind) : readsKind(extractor.kinds, kind, apiVersion);
}

/**
 * The workspace facts of parsed resources (the whole file's, or a part's with their own offsets);
 * with `parsed`, the whole file, also those of the extractors that read such a file whole.
 */
export function extractEntry(file: string, lines: LineIndex, resources: readonly Resource[], extractors: readonly FactExtractor[], parsed?: ParsedFile): FileEntry {
  const entry = emptyEntry(file);
  if (parsed && !parsed.skipped) {
    for (const extractor of extractors) {
      if (!readsFile(extractor, file)) continue;
      try {
        const facts = extractor.extractFile!(parsed, { file, at: (node) => sourceRef(file, lines, node) });
        if (facts.length > 0) entry.facts.set(extractor.id, facts);
      } catch {
        // A file the extractor cannot read declares nothing.
      }
    }
  }
  for (const resource of resources) {
    entry.resources.push(resourceFact(file, lines, resource));
    const ctx: ExtractContext = { file, at: (node) => sourceRef(file, lines, node ?? resource.anchor) };
    for (const extractor of extractors) {
      if (!reads(extractor, resource.kind, resource.apiVersion)) continue;
      let facts: Fact[];
      try {
        facts = extractor.extract(resource, ctx);
      } catch {
        // An extractor that cannot read a malformed resource declares nothing for it.
        continue;
      }
      if (facts.length === 0) continue;
      const list = entry.facts.get(extractor.id);
      if (list) list.push(...facts);
      else entry.facts.set(extractor.id, [...facts]);
    }
  }
  return entry;
}

/** A cheap test that spares parsing YAML that cannot hold a Kubernetes resource. */
const mayHoldResource = /["']?\bkind["']?\s*:/;
/** A top-level key at column 0 of a block-style document (not a comment, a sequence item or `---`). */
const topLevelKey = /^(?!#|-|\.\.\.|%)("[^"\n]*"|'[^'\n]*'|[^\s:#][^:\n]*?)[ \t]*:(?=[ \t\r\n]|$)/gm;
const identityKeys = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * The text of a block-style document with every top-level entry but `apiVersion`, `kind` and
 * `metadata` blanked out (newlines kept, so every offset stays where it was). Undefined when the
 * document is not plain block style or has nothing to blank.
 */
export function identityOnly(text: string): string | undefined {
  if (/^\s*[{[]/.test(text) || /^[ \t]*(?:&|!|\*)|^<<\s*:/m.test(text)) return undefined;
  const keys: Array<{ name: string; start: number }> = [];
  for (const match of text.matchAll(topLevelKey)) keys.push({ name: match[1].replace(/^["']|["']$/g, ''), start: match.index! });
  if (keys.length === 0 || keys.every((k) => identityKeys.has(k.name))) return undefined;
  let out = text.slice(0, keys[0].start);
  keys.forEach((key, i) => {
    const end = i + 1 < keys.length ? keys[i + 1].start : text.length;
    const part = text.slice(key.start, end);
    out += identityKeys.has(key.name) ? part : part.replace(/[^\r\n]/g, ' ');
  });
  return out;
}

function relevantKinds(extractors: readonly FactExtractor[]): (kind: string, apiVersion: string) => boolean {
  return (kind, apiVersion) => /List$/.test(kind) || extractors.some((e) => reads(e, kind, apiVersion));
}

/**
 * The facts of a file's text, as they would be extracted from the fully parsed file; a file that
 * cannot be parsed, or is skipped (a template, binary data), declares nothing.
 */
/** The facts of a file already parsed whole (as the editor and the CLI's lint pass parse it). */
export function extractParsed(file: string, parsed: ParsedFile, extractors: readonly FactExtractor[]): FileEntry {
  if (parsed.skipped) return emptyEntry(file);
  try {
    return extractEntry(file, parsed.lines, resourcesOf(parsed), extractors, parsed);
  } catch {
    return emptyEntry(file);
  }
}

export function extractText(file: string, raw: string, extractors: readonly FactExtractor[]): FileEntry {
  if (raw.length > defaultLimits.maxSize || tooManyDocuments(raw)) return emptyEntry(file);
  // A tool's own file, or another file that holds a document a family checks (a seccomp profile).
  const whole = extractors.some((e) => readsFile(e, file)) || otherFileChecked(file, raw);
  if (!whole && !mayHoldResource.test(raw)) return emptyEntry(file);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    if (whole) {
      // Such a file (small, and read whole) is parsed in full.
      const parsed = parseManifest(text);
      return parsed.skipped ? emptyEntry(file) : extractEntry(file, parsed.lines, resourcesOf(parsed), extractors, parsed);
    }
    if (!splittable(text)) {
      const parsed = parseManifest(text);
      return parsed.skipped ? emptyEntry(file) : extractEntry(file, parsed.lines, resourcesOf(parsed), extractors);
    }
    const relevant = relevantKinds(extractors);
    const lines = new LineIndex(text);
    const entry = emptyEntry(file);
    let documentIndex = 0;
    for (const [start, end] of documentRanges(text)) {
      const chunk = text.slice(start, end);
      // First the document's identity only; the whole document when an extractor reads its kind.
      const head = identityOnly(chunk);
      let parsed = head === undefined ? undefined : parseManifest(head);
      let resources = parsed && !parsed.skipped && parsed.problems.length === 0 ? resourcesOf(parsed) : undefined;
      // A List's items were blanked with the rest: an identity that yields no resource is parsed in full.
      if (!resources || resources.length === 0 || resources.some((r) => relevant(r.kind, r.apiVersion))) {
        parsed = parseManifest(chunk);
        if (parsed.skipped) return emptyEntry(file);
        resources = resourcesOf(parsed);
      }
      const part = extractEntry(
        file,
        lines,
        resources.map((r) => shifted(r, documentIndex)),
        extractors,
      );
      documentIndex += parsed!.documents.length;
      move(part, start, lines);
      entry.resources.push(...part.resources);
      for (const [id, facts] of part.facts) entry.facts.set(id, [...(entry.facts.get(id) ?? []), ...facts]);
    }
    return entry;
  } catch {
    return emptyEntry(file);
  }
}

/** A resource of a chunk, numbered as a document of the whole file. */
function shifted(resource: Resource, first: number): Resource {
  if (first === 0) return resource;
  return { ...resource, document: { ...resource.document, index: resource.document.index + first } };
}

/**
 * Moves a chunk's facts (offsets relative to the chunk) to the file's offsets and lines: every
 * `at` of a fact, at any depth (a role's rules, a binding's subjects each say where they are).
 */
function move(entry: FileEntry, delta: number, lines: LineIndex): void {
  if (delta === 0) return;
  const moved = new Set<SourceRef>();
  const place = (at: SourceRef) => {
    if (moved.has(at)) return;
    moved.add(at);
    at.offset += delta;
    at.line = lines.position(at.offset).line;
  };
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > 8) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'at' && inner !== null && typeof inner === 'object' && typeof (inner as SourceRef).offset === 'number') place(inner as SourceRef);
      else if (typeof inner === 'object') visit(inner, depth + 1);
    }
  };
  for (const r of entry.resources) place(r.at);
  for (const facts of entry.facts.values()) for (const f of facts) visit(f, 0);
}
