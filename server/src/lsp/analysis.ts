// Parse and lint of one editor document, incrementally: the file is split into its YAML documents
// at `---` lines, and only the documents whose text changed since the previous version are parsed
// and linted again. The others are reused with their offsets shifted, which keeps a one-character
// change in a long multi-document manifest well under the server's latency budget.
// Workspace-scope rules are cached apart, under the workspace index's generation and the file's own
// facts, so a change elsewhere in the workspace re-runs only them.

import {
  Config,
  defaultLimits,
  documentRanges,
  FileFacts,
  factsOf,
  factsSignature,
  Finding,
  LineIndex,
  lint,
  namespacePolicies,
  NamespacePolicies,
  ParsedDocument,
  ParsedFile,
  ParseProblem,
  parseManifest,
  Resource,
  resourcesOf,
  RuleDefinition,
  shiftDocument,
  splittable,
  WorkspaceIndex,
  WorkspaceView,
  workspaceView,
} from '../engine';

export interface AnalysisOptions {
  config: Config;
  rules: readonly RuleDefinition[];
  /** Namespace policies of the rest of the workspace. */
  namespaces: NamespacePolicies;
  /** A key that changes whenever config, rules or namespaces do; cached lint results are reused only under the same key. */
  key: string;
  /** The workspace index (the other files' facts), and this file's key in it. */
  workspace?: WorkspaceIndex;
  fileKey?: string;
  /** Changes whenever the index's facts do (its generation); workspace-scope results are reused only under the same. */
  workspaceKey?: string;
  /** Larger files are not checked; the engine's own limit when absent. */
  maxSize?: number;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface FileAnalysis {
  file: ParsedFile;
  findings: Finding[];
  problems: ParseProblem[];
  resources: Resource[];
  /** The file's own workspace facts (from this text) and the workspace as its rules saw it. */
  facts?: FileFacts;
  workspace?: WorkspaceView;
}

/** One YAML document's slice of the text, parsed on its own and positioned at `offset`. */
interface Chunk {
  text: string;
  offset: number;
  documents: ParsedDocument[];
  /** Parse problems with offsets relative to the chunk. */
  problems: ParseProblem[];
  /** Findings with offsets relative to the chunk and document indexes relative to it, under `lintKey`. */
  findings?: Finding[];
  lintKey?: string;
  /** The same for workspace-scope rules, under `workspaceKey`. */
  workspaceFindings?: Finding[];
  workspaceKey?: string;
}

/** The file's own facts and the workspace view its workspace rules read. */
function workspaceOf(resources: Resource[], lines: LineIndex, options: AnalysisOptions): { facts: FileFacts; view: WorkspaceView } {
  const facts = factsOf(options.fileKey ?? '', resources, lines);
  return { facts, view: options.workspace ? options.workspace.view(facts) : workspaceView(facts) };
}

export class DocumentAnalyzer {
  private chunks: Chunk[] = [];

  analyze(text: string, options: AnalysisOptions): FileAnalysis {
    const maxSize = options.maxSize ?? defaultLimits.maxSize;
    if (text.length > maxSize) {
      this.chunks = [];
      const file = parseManifest(text, { ...defaultLimits, maxSize });
      return { file, findings: [], problems: file.problems, resources: [] };
    }
    const pieces = splittable(text) ? documentRanges(text) : undefined;
    const chunks = pieces && this.reuse(text, pieces);
    if (!chunks) {
      this.chunks = [];
      return whole(text, options);
    }
    this.chunks = chunks;
    const lines = new LineIndex(text);
    const documents: ParsedDocument[] = [];
    const problems: ParseProblem[] = [];
    const base: number[] = [];
    for (const chunk of chunks) {
      base.push(documents.length);
      for (const d of chunk.documents) documents.push({ ...d, index: documents.length });
      for (const p of chunk.problems) problems.push({ ...p, offset: p.offset + chunk.offset });
    }
    const file: ParsedFile = { text, lines, documents, problems };
    const resources = resourcesOf(file);
    // The file's own Namespaces apply to every document in it, so they are part of each chunk's lint key.
    const own = namespacePolicies(resources);
    const namespaces = new Map(options.namespaces);
    for (const [name, policy] of own) namespaces.set(name, policy);
    const key = `${options.key}|${[...own.values()].map((p) => `${p.namespace}=${p.level ?? ''}@${p.minor ?? ''}`).join(',')}`;

    const { facts, view } = workspaceOf(resources, lines, options);
    const documentRules = options.rules.filter((r) => r.meta.scope !== 'workspace');
    const workspaceRules = options.rules.filter((r) => r.meta.scope === 'workspace');
    const workspaceKey = `${key}|${options.workspaceKey ?? ''}|${factsSignature(facts)}`;

    const findings: Finding[] = [];
    chunks.forEach((chunk, i) => {
      const first = base[i];
      const slice = (): ParsedFile => ({ text, lines, documents: documents.slice(first, first + chunk.documents.length), problems: [] });
      const relative = (list: Finding[]) => list.map((f) => ({ ...f, offset: f.offset - chunk.offset, documentIndex: f.documentIndex - first }));
      if (chunk.lintKey !== key || !chunk.findings) {
        chunk.findings = relative(lint(slice(), { config: options.config, rules: documentRules, namespaces, onRuleError: options.onRuleError }).findings);
        chunk.lintKey = key;
      }
      if (chunk.workspaceKey !== workspaceKey || !chunk.workspaceFindings) {
        chunk.workspaceFindings = workspaceRules.length === 0 ? [] : relative(lint(slice(), { config: options.config, rules: workspaceRules, namespaces, workspace: view, onRuleError: options.onRuleError }).findings);
        chunk.workspaceKey = workspaceKey;
      }
      for (const f of [...chunk.findings, ...chunk.workspaceFindings]) findings.push({ ...f, offset: f.offset + chunk.offset, documentIndex: f.documentIndex + first });
    });
    findings.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
    return { file, findings, problems, resources, facts, workspace: view };
  }

  /** Builds this version's chunks, reusing (and shifting) those whose text is unchanged. */
  private reuse(text: string, pieces: Array<[number, number]>): Chunk[] | undefined {
    const previous = new Map<string, Chunk[]>();
    for (const chunk of this.chunks) {
      const list = previous.get(chunk.text);
      if (list) list.push(chunk);
      else previous.set(chunk.text, [chunk]);
    }
    const out: Chunk[] = [];
    for (const [start, end] of pieces) {
      const slice = text.slice(start, end);
      const old = previous.get(slice)?.shift();
      if (old) {
        if (old.offset !== start) shiftChunk(old, start - old.offset);
        out.push(old);
        continue;
      }
      const parsed = parseManifest(slice);
      // Templates, binary data and parser failures are judged on the whole file, with whole-file offsets.
      if (parsed.skipped) return undefined;
      const chunk: Chunk = { text: slice, offset: 0, documents: parsed.documents, problems: parsed.problems };
      shiftChunk(chunk, start);
      out.push(chunk);
    }
    return out;
  }
}

/** Parses and lints the whole text at once: the fallback for files the chunking cannot handle. */
function whole(text: string, options: AnalysisOptions): FileAnalysis {
  const file = parseManifest(text);
  const { facts, view } = workspaceOf(file.skipped ? [] : resourcesOf(file), file.lines, options);
  const result = lint(file, { config: options.config, rules: options.rules, namespaces: options.namespaces, workspace: view, onRuleError: options.onRuleError });
  return { file, findings: result.findings, problems: result.problems, resources: result.resources, facts, workspace: view };
}

/** Moves a chunk's parsed nodes by `delta`: the engine reads positions only from node ranges. */
function shiftChunk(chunk: Chunk, delta: number): void {
  chunk.offset += delta;
  for (const { doc } of chunk.documents) shiftDocument(doc, delta);
}
