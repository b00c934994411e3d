// Parse and lint of one editor document, incrementally: the file is split into its YAML documents
// at `---` lines, and only the documents whose text changed since the previous version are parsed
// and linted again. The others are reused with their offsets shifted, which keeps a one-character
// change in a long multi-document manifest well under the server's latency budget.
// Before its rules run, the document's facts (from this text) go into the workspace model. Each
// workspace-scope rule's findings are cached apart, under the generations of the facts it reads, so
// a change elsewhere in the workspace re-runs only the rules that read what changed.

import {
  ChangeSet,
  changeBetween,
  chunksByText,
  channelsOf,
  Config,
  defaultLimits,
  detachedSlice,
  documentRanges,
  extractEntry,
  Finding,
  FileEntry,
  LineIndex,
  lint,
  ParsedDocument,
  ParsedFile,
  ParseProblem,
  parseManifest,
  policiesSignature,
  reparseBlock,
  Resource,
  resourceChannel,
  resourcesOf,
  RuleDefinition,
  readsFile,
  signatureOf,
  splittable,
  tooManyDocuments,
  TextChange,
  WorkspaceModel,
  WorkspaceView,
} from '../engine';
import { ChunkFacts, chunkFacts, joinParts } from './chunk-facts';
import { inOrder, Lists, listsOf, moved, none, nothing, WorkspaceFindings } from './chunk-findings';
import { chunkAt, lineBefore, shiftChunk } from './chunk-places';

export interface AnalysisOptions {
  config: Config;
  rules: readonly RuleDefinition[];
  /** A key that changes whenever config or rules do; cached lint results are reused only under the same key. */
  key: string;
  /** The workspace model, and this file's key in it. */
  model: WorkspaceModel;
  file: string;
  /** False for a file that takes no part in the workspace (excluded): only it sees its own facts. */
  shared: boolean;
  /** Larger files are not checked; the engine's own limit when absent. */
  maxSize?: number;
  /**
   * Keeps the facts a document declared before it stopped parsing, until it parses again (the
   * server's choice): a NetworkPolicy or Namespace being typed in still isolates or labels what it
   * did, so other files' findings do not blink at each keystroke. It depends on the versions before,
   * so an analysis from scratch (tests' oracle) leaves it off.
   */
  holdBrokenFacts?: boolean;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface FileAnalysis {
  file: ParsedFile;
  findings: Finding[];
  problems: ParseProblem[];
  resources: Resource[];
  /** The workspace as the rules saw it (this file's facts from this text). */
  workspace?: WorkspaceView;
  /** What setting this file's facts changed in the model. */
  changes?: ChangeSet;
  /** Findings of its documents with syntax errors that the broken lines could change (LintResult.withheld). */
  withheld?: Finding[];
}

/** One YAML document's slice of the text, parsed on its own and positioned at `offset`. */
export interface Chunk {
  text: string;
  offset: number;
  /**
   * The line just before the chunk, which lies in the previous chunk: a `# kube-harden-ignore` comment
   * there (above `---`) suppresses findings on the chunk's first line, so the findings are cached under it.
   */
  lead: string;
  documents: ParsedDocument[];
  /** Parse problems with offsets relative to the chunk. */
  problems: ParseProblem[];
  /**
   * Findings with offsets relative to the chunk and document indexes relative to it, under `lintKey`;
   * with those its broken lines could change (see LintResult.withheld).
   */
  findings?: Lists;
  lintKey?: string;
  /** The same for each workspace-scope rule, under the generations of the facts it reads. */
  workspaceFindings?: WorkspaceFindings;
  /** The chunk's workspace facts, positioned where the chunk was when they were extracted. */
  facts?: ChunkFacts;
  /** For a changed chunk: the facts of the chunk it replaced, kept (moved) when it declares the same. */
  replaced?: ChunkFacts;
  /** Its documents as numbered in the file, and its resources, while the documents before it stay as many. */
  placed?: Placed;
  /**
   * Its findings of every rule, relative to it, under the keys of all rules at once; with their absolute
   * copies while the chunk stays where it is.
   */
  assembled?: { key: string; findings: Lists; at?: { offset: number; first: number; findings: Lists } };
}

interface Placed {
  /** The file's index of the chunk's first document. */
  first: number;
  documents: ParsedDocument[];
  resources: Resource[];
}

/** A chunk's documents numbered in the file, and its resources: made again only when documents before it come or go. */
function place(chunk: Chunk, first: number, lines: LineIndex): Placed {
  if (chunk.placed?.first !== first) {
    const documents = chunk.documents.map((d, i) => ({ ...d, index: first + i }));
    chunk.placed = { first, documents, resources: resourcesOf({ text: chunk.text, lines, documents, problems: [] }) };
  }
  return chunk.placed;
}

interface LintContext {
  text: string;
  lines: LineIndex;
  documentKey: string;
  documentRules: readonly RuleDefinition[];
  workspaceRules: readonly RuleDefinition[];
  /** The workspace rules' ids joined, and each one's key, in their order. */
  workspaceRuleIds: string;
  workspaceKeys: readonly string[];
  lintOptions: Omit<Parameters<typeof lint>[1], 'rules'>;
}

/**
 * A chunk's findings relative to it: its document rules' under the document key, each workspace
 * rule's under its own key, each run again only when its key changed.
 */
function relativeFindings(chunk: Chunk, at: Placed, context: LintContext): Lists {
  const { documentKey, workspaceRules, workspaceRuleIds, workspaceKeys, lintOptions } = context;
  const slice = (): ParsedFile => ({ text: context.text, lines: context.lines, documents: at.documents, problems: [] });
  const relative = (list: Finding[]) => moved(list, -chunk.offset, -at.first);
  if (chunk.lintKey !== documentKey || !chunk.findings) {
    const result = lint(slice(), { ...lintOptions, rules: context.documentRules });
    chunk.findings = listsOf(relative(result.findings), relative(result.withheld));
    chunk.lintKey = documentKey;
  }
  const held = chunk.workspaceFindings?.rules === workspaceRuleIds ? chunk.workspaceFindings : undefined;
  const isStale = (i: number) => held === undefined || held.keys[i] !== workspaceKeys[i];
  const stale = workspaceRules.filter((_, i) => isStale(i));
  if (stale.length > 0) {
    const result = lint(slice(), { ...lintOptions, rules: stale });
    const [shown, withheld] = [relative(result.findings), relative(result.withheld)];
    const of = (rule: RuleDefinition, list: Finding[]) => (list.length === 0 ? none : list.filter((f) => (f.failedRule ?? f.ruleId) === rule.id));
    const lists = workspaceRules.map((rule, i) => (isStale(i) ? listsOf(of(rule, shown), of(rule, withheld)) : (held!.lists?.[i] ?? nothing)));
    chunk.workspaceFindings = { rules: workspaceRuleIds, keys: workspaceKeys, lists: lists.every((l) => l === nothing) ? undefined : lists };
  }
  const lists = [chunk.findings, ...(chunk.workspaceFindings!.lists ?? [])];
  return listsOf(
    lists.flatMap((l) => l.shown),
    lists.flatMap((l) => l.withheld),
  );
}

/** Sets the file's facts and returns what its rules read, with their cache keys. */
function bind(entry: FileEntry, options: AnalysisOptions, unchanged = false) {
  const { model, file } = options;
  const changes = options.shared && !unchanged ? model.set(entry) : undefined;
  const view = options.shared ? model.view(file) : model.view(file, entry);
  // Namespaces set the level and version of every rule, so their labels are part of every key.
  // So is the file's role (a patch, or no manifest at all), which families give it from other files.
  const documentKey = `${options.key}|${model.instance}|${view.role() ?? ''}|${model.channelGeneration(resourceChannel('Namespace'))}|${policiesSignature(view.namespacePolicies())}`;
  const own = options.shared ? '' : signatureOf([entry.resources, [...entry.facts]]);
  // Asked once per rule and document: computed once per rule.
  const keys = new Map<RuleDefinition, string>();
  const workspaceKey = (rule: RuleDefinition) => {
    let key = keys.get(rule);
    if (key === undefined) {
      key = `${documentKey}|${own}|${channelsOf(rule)
        .map((c) => model.channelGeneration(c))
        .join(',')}`;
      keys.set(rule, key);
    }
    return key;
  };
  return { view, changes, documentKey, workspaceKey };
}

export class DocumentAnalyzer {
  private chunks: Chunk[] = [];
  private lines: LineIndex | undefined;
  private lastKey = '';

  /** The previous version's string when equal: chunks then compare their keys by identity, not by content. */
  private interned(key: string): string {
    if (key !== this.lastKey) this.lastKey = key;
    return this.lastKey;
  }

  /** The line index of this version, from the previous one's when there is one. */
  private lineIndex(text: string, change: TextChange | undefined): LineIndex {
    const previous = this.lines;
    if (previous === undefined || change === undefined) return (this.lines = new LineIndex(text));
    const { start, oldEnd, inserted } = change;
    return (this.lines = LineIndex.edited(previous, text, start, oldEnd, inserted));
  }

  /** Where the text differs from the previous version's, which the chunks and the line index were made of. */
  private changeFrom(text: string): TextChange | undefined {
    const previous = this.lines;
    return previous === undefined || previous.text.length === 0 ? undefined : changeBetween(previous.text, text);
  }

  /** The file's facts as last set in the model, and the chunks' parts they were made of. */
  private declared: { entry: FileEntry; parts: FileEntry[] } | undefined;

  analyze(text: string, options: AnalysisOptions): FileAnalysis {
    const maxSize = options.maxSize ?? defaultLimits.maxSize;
    // The documents are counted from the pieces the text is split into anyway: one pass less per keystroke.
    const pieces = text.length <= maxSize && splittable(text) ? documentRanges(text) : undefined;
    if (text.length > maxSize || (pieces ? pieces.length > defaultLimits.maxDocuments : tooManyDocuments(text))) {
      this.chunks = [];
      this.declared = undefined;
      const file = parseManifest(text, { ...defaultLimits, maxSize });
      // Not checked, so it declares nothing either: the disk's facts are not this text's.
      const changes = options.shared ? options.model.delete(options.file) : undefined;
      return { file, findings: [], problems: file.problems, resources: [], changes };
    }
    const change = pieces && this.changeFrom(text);
    const chunks = pieces && this.reuse(text, pieces, change);
    if (!chunks) {
      this.chunks = [];
      this.declared = undefined;
      return whole(text, options);
    }
    this.chunks = chunks;
    const lines = this.lineIndex(text, change);
    const documents: ParsedDocument[] = [];
    const problems: ParseProblem[] = [];
    const resources: Resource[] = [];
    const placed = chunks.map((chunk) => {
      const at = place(chunk, documents.length, lines);
      documents.push(...at.documents);
      resources.push(...at.resources);
      for (const p of chunk.problems) problems.push({ ...p, offset: p.offset + chunk.offset });
      return at;
    });
    const file: ParsedFile = { text, lines, documents, problems };
    // A file an extractor reads whole by name (a kustomization) declares facts of the file, not of its
    // chunks: it is extracted whole.
    const byName = options.model.extractorList.some((e) => readsFile(e, options.file));
    const parts = chunks.map((chunk, i) => chunkFacts(chunk, placed[i].resources, lines, placed[i].first, options));
    // The same parts as the model holds (moved in place): nothing to set, nothing changed.
    const held = this.declared;
    const unchanged =
      !byName && options.shared && held !== undefined && options.model.get(options.file) === held.entry && held.parts.length === parts.length && held.parts.every((p, i) => p === parts[i]);
    const entry = byName ? extractEntry(options.file, lines, resources, options.model.extractorList, file) : unchanged ? held.entry : joinParts(options.file, parts);
    this.declared = options.shared && !byName && entry.resources.length > 0 ? { entry, parts } : undefined;
    const { view, changes, documentKey, workspaceKey } = bind(entry, options, unchanged);
    const documentRules = options.rules.filter((r) => r.meta.scope !== 'workspace');
    const workspaceRules = options.rules.filter((r) => r.meta.scope === 'workspace');
    const lintOptions = { config: options.config, workspace: view, onRuleError: options.onRuleError };
    const workspaceKeys = workspaceRules.map(workspaceKey);
    const workspaceRuleIds = workspaceRules.map((r) => r.id).join(',');
    const context: LintContext = { text, lines, documentKey, documentRules, workspaceRules, workspaceRuleIds, workspaceKeys, lintOptions };
    // One string for every rule's key: a chunk whose findings were assembled under the same one (most
    // chunks, on most keystrokes) is not looked at rule by rule.
    const allKeys = this.interned(`${documentKey}\n${workspaceKeys.join('\n')}`);
    const findings: Finding[] = [];
    const originals: Finding[] = [];
    const withheld: Finding[] = [];
    chunks.forEach((chunk, i) => {
      const { first } = placed[i];
      if (chunk.assembled?.key !== allKeys) chunk.assembled = { key: allKeys, findings: relativeFindings(chunk, placed[i], context) };
      const held = chunk.assembled;
      // Absolute copies, made again only when the chunk moved.
      if (held.at?.offset !== chunk.offset || held.at.first !== first) {
        const { shown, withheld } = held.findings;
        held.at = { offset: chunk.offset, first, findings: listsOf(moved(shown, chunk.offset, first), moved(withheld, chunk.offset, first)) };
      }
      const copies = held.at.findings.shown;
      for (let k = 0; k < copies.length; k++) {
        findings.push(copies[k]);
        originals.push(held.findings.shown[k]);
      }
      for (const f of held.at.findings.withheld) withheld.push(f);
    });
    return { file, findings: inOrder(findings, originals), problems, resources, workspace: view, changes, withheld };
  }

  /**
   * For each piece of the text, the previous version's chunk of the same text when the piece lies
   * wholly before or after the one span that changed: found by its place, without comparing texts
   * (hashing every piece of a long file costs more than the rest of a keystroke).
   */
  private unchangedAround(pieces: ReadonlyArray<[number, number]>, change: TextChange | undefined): Array<Chunk | undefined> {
    if (change === undefined || this.chunks.length === 0) return pieces.map(() => undefined);
    const delta = change.inserted - (change.oldEnd - change.start);
    return pieces.map(([start, end]) => {
      const before = end <= change.start;
      if (!before && start < change.start + change.inserted) return undefined;
      const old = chunkAt(this.chunks, before ? start : start - delta);
      return old && old.text.length === end - start ? old : undefined;
    });
  }

  /**
   * Builds this version's chunks, reusing (and shifting) those whose text is unchanged. A changed
   * chunk that takes the place of one changed chunk is updated below the document when it can be
   * (only the block mapping around the edit parsed again); otherwise it is parsed anew.
   */
  private reuse(text: string, pieces: Array<[number, number]>, change: TextChange | undefined): Chunk[] | undefined {
    const found = this.unchangedAround(pieces, change);
    const matched = new Set(found);
    // The previous chunks no piece was found for, by text; those left over after were replaced.
    const unmatched = matched.has(undefined) ? this.chunks.filter((chunk) => !matched.has(chunk)) : [];
    const rest = unmatched.length > 0 ? chunksByText(unmatched) : undefined;
    const out: Array<Chunk | undefined> = [];
    const taken = new Set<Chunk>();
    for (let i = 0; i < pieces.length; i++) {
      const [start, end] = pieces[i];
      const old = found[i] ?? rest?.get(text.slice(start, end))?.shift();
      if (old && !found[i]) taken.add(old);
      if (old) {
        if (old.offset !== start) shiftChunk(old, start - old.offset);
        const lead = lineBefore(text, start);
        // A suppression comment on the line above a `---` applies to the next document (defect 8).
        if (old.lead !== lead) {
          // Kept across versions: a string of its own, not a view of this version's text.
          old.lead = detachedSlice(lead, 0, lead.length);
          old.findings = undefined;
          old.assembled = undefined;
          old.workspaceFindings = undefined;
        }
      }
      out.push(old);
    }
    const changed: number[] = [];
    for (let i = 0; i < out.length; i++) if (!out[i]) changed.push(i);
    const replaced = unmatched.filter((chunk) => !taken.has(chunk));
    for (const [n, i] of changed.entries()) {
      const [start, end] = pieces[i];
      const slice = detachedSlice(text, start, end);
      const line = lineBefore(text, start);
      const lead = detachedSlice(line, 0, line.length);
      // One edit changes one chunk: its predecessor is the one changed chunk left over.
      const before = changed.length === replaced.length ? replaced[n] : undefined;
      if (
        before &&
        before.problems.length === 0 &&
        before.documents.length === 1 &&
        !before.documents[0].hasErrors &&
        reparseBlock(before.documents[0].doc, before.text, slice, before.offset, start)
      ) {
        out[i] = { text: slice, offset: start, lead, documents: before.documents, problems: [], replaced: before.facts };
        continue;
      }
      const parsed = parseManifest(slice);
      // Templates, binary data and parser failures are judged on the whole file, with whole-file offsets.
      if (parsed.skipped) return undefined;
      const chunk: Chunk = { text: slice, offset: 0, lead, documents: parsed.documents, problems: parsed.problems, replaced: before?.facts };
      // Placed once: a document is moved again only when an edit before it changes its offset, and most
      // open files are only read, so the list of its ranges for later moves is made then.
      shiftChunk(chunk, start, false);
      out[i] = chunk;
    }
    return out as Chunk[];
  }
}

/** Parses and lints the whole text at once: the fallback for files the chunking cannot handle. */
function whole(text: string, options: AnalysisOptions): FileAnalysis {
  const file = parseManifest(text);
  const { view, changes } = bind(extractEntry(options.file, file.lines, file.skipped ? [] : resourcesOf(file), options.model.extractorList, file), options);
  const result = lint(file, { config: options.config, rules: options.rules, workspace: view, onRuleError: options.onRuleError });
  return { file, findings: result.findings, problems: result.problems, resources: result.resources, workspace: view, changes, withheld: result.withheld };
}
