// Parse and lint of one editor document, incrementally: the file is split into its YAML documents
// at `---` lines, and only the documents whose text changed since the previous version are parsed
// and linted again. The others are reused with their offsets shifted, which keeps a one-character
// change in a long multi-document manifest well under the server's latency budget.

import {
  Config,
  defaultLimits,
  documentRanges,
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
} from '../engine';

export interface AnalysisOptions {
  config: Config;
  rules: readonly RuleDefinition[];
  /** Namespace policies of the rest of the workspace. */
  namespaces: NamespacePolicies;
  /** A key that changes whenever config, rules or namespaces do; cached lint results are reused only under the same key. */
  key: string;
  /** Larger files are not checked; the engine's own limit when absent. */
  maxSize?: number;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface FileAnalysis {
  file: ParsedFile;
  findings: Finding[];
  problems: ParseProblem[];
  resources: Resource[];
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

    const findings: Finding[] = [];
    chunks.forEach((chunk, i) => {
      const first = base[i];
      if (chunk.lintKey !== key || !chunk.findings) {
        const slice: ParsedFile = { text, lines, documents: documents.slice(first, first + chunk.documents.length), problems: [] };
        const result = lint(slice, { config: options.config, rules: options.rules, namespaces, onRuleError: options.onRuleError });
        chunk.findings = result.findings.map((f) => ({ ...f, offset: f.offset - chunk.offset, documentIndex: f.documentIndex - first }));
        chunk.lintKey = key;
      }
      for (const f of chunk.findings) findings.push({ ...f, offset: f.offset + chunk.offset, documentIndex: f.documentIndex + first });
    });
    return { file, findings, problems, resources };
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
  const result = lint(file, { config: options.config, rules: options.rules, namespaces: options.namespaces, onRuleError: options.onRuleError });
  return { file, findings: result.findings, problems: result.problems, resources: result.resources };
}

/** Moves a chunk's parsed nodes by `delta`: the engine reads positions only from node ranges. */
function shiftChunk(chunk: Chunk, delta: number): void {
  chunk.offset += delta;
  for (const { doc } of chunk.documents) shiftDocument(doc, delta);
}
