// Parsing a manifest file into YAML documents with exact ranges, and recognising input that must not
// be parsed as Kubernetes YAML at all (binary data, Helm templates, files too large or too deep).

import { Document, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { LineIndex } from './text';
import type { Severity } from './rule';
import { addStructureErrors, mergeProblem } from './yaml-checks';
import { syntaxMessage } from './syntax-messages';
import { tabsAt } from './tab-indent';
import { pastedCause } from './pasted-syntax';
import { Repair, repairDocuments, shiftRepair } from './broken-lines';
import { fastDocument } from './yaml-fast';

export interface ParseProblem {
  offset: number;
  length: number;
  message: string;
  /** `yaml-syntax` for malformed YAML, `not-checked` for input that is skipped on purpose. */
  code: 'yaml-syntax' | 'not-checked';
  /** For `yaml-syntax`: the severity the configuration gives it (syntax-rule.ts); `error` when unset. */
  severity?: Severity;
}

export interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  /** Documents with syntax errors are not checked as they are: a half-parsed tree can yield false findings. */
  hasErrors: boolean;
  /**
   * For a document with syntax errors: the same document without its broken lines, when that parses
   * cleanly. The runner checks it and keeps only the findings the broken lines cannot change.
   */
  repair?: Repair;
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  problems: ParseProblem[];
  /** Set when the whole file was skipped; explains why in one sentence. */
  skipped?: string;
}

export interface ParseLimits {
  /** Files larger than this many characters are skipped. */
  maxSize: number;
  /** Alias expansions allowed when a value is converted to plain data. */
  maxAliasCount: number;
  /**
   * Files with more YAML documents than this are skipped: each parsed document costs some 5 kB
   * besides its nodes, so 10 MB of one-line Pods would otherwise take gigabytes.
   */
  maxDocuments: number;
}

export const defaultLimits: ParseLimits = { maxSize: 10 * 1024 * 1024, maxAliasCount: 100, maxDocuments: 10_000 };

/** Whether the text has more than `max` documents (counting `---` lines), stopping as soon as it has. */
export function tooManyDocuments(text: string, max = defaultLimits.maxDocuments): boolean {
  let count = 1;
  for (let at = nextDocumentStart(text, 1); at >= 0; at = nextDocumentStart(text, at + 3)) {
    if (++count > max) return true;
  }
  return false;
}

export function tooManyDocumentsReason(max = defaultLimits.maxDocuments): string {
  return `File not checked: it has more than ${max.toLocaleString('en-US')} YAML documents.`;
}

/** Parses every document of a file, each on its own, so a broken document cannot swallow the next. */
export function parseManifest(text: string, limits: ParseLimits = defaultLimits, parse: (text: string) => Document.Parsed[] = parseDocuments): ParsedFile {
  const lines = new LineIndex(text);
  const skip = (reason: string, offset = 0): ParsedFile => ({
    text,
    lines,
    documents: [],
    problems: [{ offset, length: 0, message: reason, code: 'not-checked' }],
    skipped: reason,
  });

  if (text.length > limits.maxSize) {
    return skip(`File not checked: it is larger than ${Math.round(limits.maxSize / 1048576)} MB.`);
  }
  if (tooManyDocuments(text, limits.maxDocuments)) return skip(tooManyDocumentsReason(limits.maxDocuments));
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    // UTF-16 text read as UTF-8 has a NUL beside every ASCII character; say so rather than "binary".
    const sample = text.slice(0, 200);
    const nuls = sample.split('\0').length - 1;
    if (nuls >= sample.length / 3) return skip('File not checked: it is UTF-16 encoded; save it as UTF-8.', 0);
    return skip('File not checked: it holds binary data, not YAML.', nul);
  }

  // Checked before parsing: the parser recurses per level, and V8 can abort the whole process
  // (not throw) when a regular expression is first compiled at the bottom of such a recursion.
  if (tooDeep(text)) return skip('File not checked: it is nested too deeply.');

  let parsed: Document.Parsed[];
  try {
    parsed = parse(text);
  } catch (error) {
    // The composer recurses per nesting level; absurdly deep input exhausts the stack. Any other
    // failure's text is not shown: it may quote the source, and the source may hold a secret.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : 'the YAML parser failed on it';
    return skip(`File not checked: ${reason}.`);
  }

  // A line that opens with a template action is a Helm (or other Go) template: it is not YAML
  // until rendered, and checking it would only produce meaningless errors. Template text inside a
  // block scalar (an Alertmanager or Prometheus template in a ConfigMap) is data, not a template.
  const template = templateOutsideBlockScalars(text, parsed);
  if (template !== undefined) {
    return skip('File not checked: it is a Helm or Go template; render it (helm template) and check the output.', template);
  }

  const problems: ParseProblem[] = [];
  const repairs = parsed.some((doc) => doc.errors.length > 0) ? repairDocuments(text, parsed, parse) : undefined;
  const documents: ParsedDocument[] = parsed.map((doc, index) => {
    problems.push(...syntaxProblems(doc, lines));
    if (doc.errors.length > 0) return { index, doc, hasErrors: true, repair: repairs?.get(index) };
    // Rules expand merges lazily; resolving them all here bounds that work and names the reason.
    const merges = mergeProblem(doc);
    if (merges) problems.push({ offset: doc.range[0], length: 0, message: `Document not checked: ${merges}.`, code: 'not-checked' });
    return { index, doc, hasErrors: merges !== undefined };
  });
  return { text, lines, documents, problems };
}

/**
 * A document's syntax errors as problems, one per position: the yaml package often reports two
 * errors where one thing is wrong (a missing colon is also a bad implicit key), and a person needs
 * to read it once. Where several start together, the first one reported says what went wrong first.
 */
function syntaxProblems(doc: Document.Parsed, lines: LineIndex): ParseProblem[] {
  const out: ParseProblem[] = [];
  const seen = new Set<string>();
  for (const error of doc.errors) {
    // A pasted character that explains the error takes its place, on that character.
    const pasted = pastedCause(lines.text, error.pos[0]);
    const [start, end] = pasted ? [pasted.offset, pasted.offset + 1] : error.pos;
    const message = pasted?.message ?? syntaxMessage(error);
    const line = `${message}@${lines.position(start).line}`;
    if (seen.has(String(start)) || seen.has(line)) continue;
    seen.add(String(start));
    seen.add(line);
    // A tab in the indentation is reported on the tabs themselves, not on the spaces after them.
    const tabs = error.code === 'TAB_AS_INDENT' ? tabsAt(lines.text, start, end - start) : undefined;
    const [from, to] = tabs ?? [start, end];
    out.push({ offset: from, length: Math.max(0, to - from), message, code: 'yaml-syntax' });
  }
  return out;
}

/** Deeper than any real manifest by far: flow brackets open at once, or columns of indentation. */
const maxFlowDepth = 256;
const maxIndent = 1024;

const bracket = /[[\]{}]/g;
const indentOnly = /^[ -]*$/;

/**
 * A cheap upper bound of the nesting the parser would recurse through. It runs on every file opened:
 * it looks at lines longer than the indentation bound and at brackets, not at every character.
 */
export function tooDeep(text: string): boolean {
  // Spaces and compact sequence dashes (`- - - x`) opening a line both nest.
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > maxIndent && indentOnly.test(text.slice(start, start + maxIndent + 1))) return true;
    start = end + 1;
  }
  let flow = 0;
  bracket.lastIndex = 0;
  for (let match = bracket.exec(text); match; match = bracket.exec(text)) {
    const c = match[0];
    if (c === '[' || c === '{') {
      if (++flow > maxFlowDepth) return true;
    } else if (flow > 0) {
      flow--;
    }
  }
  return false;
}

/** Whether `at` starts a line as a multiline regular expression's `^` sees it: after any of its line terminators. */
function atLineStart(text: string, at: number): boolean {
  return at === 0 || '\n\r\u2028\u2029'.includes(text[at - 1]);
}

/**
 * Offsets of the `{{` that open a line (`^[ \t]*(?:-[ \t]+)?\{\{`, lines as in atLineStart). Found
 * from each `{{`: the expression tried at every line of a 2 MB manifest without one costs 4 ms.
 */
export function templateLineStarts(text: string): number[] {
  const out: number[] = [];
  const blank = (i: number) => i >= 0 && (text[i] === ' ' || text[i] === '\t');
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 2)) {
    let i = at - 1;
    const spaced = blank(i);
    while (blank(i)) i--;
    if (spaced && text[i] === '-') for (i--; blank(i); i--);
    if (atLineStart(text, i + 1)) out.push(at);
  }
  return out;
}

/** The offset of the first `{{` that opens a line outside every block scalar, if any. */
function templateOutsideBlockScalars(text: string, docs: readonly Document.Parsed[]): number | undefined {
  const starts = templateLineStarts(text);
  if (starts.length === 0) return undefined;
  const blocks: Array<[number, number]> = [];
  const walk = (node: unknown, depth: number): void => {
    if (node == null || typeof node !== 'object' || depth > 200) return;
    if (isPair(node)) {
      walk(node.key, depth + 1);
      walk(node.value, depth + 1);
    } else if (isScalar(node)) {
      if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range) blocks.push([node.range[0], node.range[1]]);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  for (const doc of docs) walk(doc.contents, 0);
  return starts.find((at) => !blocks.some(([start, end]) => at >= start && at < end));
}

/**
 * Kubernetes reads manifests as YAML 1.1 (go-yaml v2 behind sigs.k8s.io/yaml): `yes`, `on` and `y`
 * are true, `0644` is octal, and `<<` merges maps. Reading them as YAML 1.2 would misjudge them.
 * Duplicate keys are errors, but the yaml package's check of them is quadratic in a map's size:
 * addStructureErrors reports them instead, with unknown aliases.
 */
export const yamlOptions = { version: '1.1', prettyErrors: false, uniqueKeys: false, strict: true, merge: true } as const;

function parseYaml(text: string): Document.Parsed[] {
  const parsed = parseAllDocuments(text, yamlOptions);
  const docs = (Array.isArray(parsed) ? parsed : [parsed]) as Document.Parsed[];
  for (const doc of docs) addStructureErrors(doc);
  return docs;
}

/**
 * The next `---` line at or after `from`: `---` at the start of a line always starts a document (YAML
 * forbids it inside any scalar or collection). Found by search, as the server splits the file at
 * every keystroke: a match object for each of thousands of documents was most of the cost.
 */
function nextDocumentStart(text: string, from: number): number {
  for (let at = text.indexOf('---', from); at >= 0; at = text.indexOf('---', at + 3)) {
    if (atLineStart(text, at) && endsMarker(text[at + 3])) return at;
  }
  return -1;
}

/** What may follow `---` or `...` on a marker line: a blank, a line's end (as in atLineStart) or the text's. */
function endsMarker(next: string | undefined): boolean {
  return next === undefined || ' \t\r\n\u2028\u2029'.includes(next);
}

/**
 * The documents of a file, each parsed on its own at its place in the text, so that a broken
 * document cannot swallow the next one. Files with directives or `...` ends are parsed whole.
 * (The language server reuses unchanged documents between versions: see lsp/analysis.ts.)
 */
export function parseDocuments(text: string): Document.Parsed[] {
  if (!splittable(text)) return parseYaml(text);
  const out: Document.Parsed[] = [];
  for (const [start, end] of documentRanges(text)) {
    // Generated documents are read in place, with their final offsets; the yaml package reads the rest.
    const fast = fastDocument(text, yamlOptions, start, end);
    if (fast) {
      addStructureErrors(fast.doc, fast.shape);
      out.push(fast.doc);
      continue;
    }
    const docs = parseYaml(text.slice(start, end));
    for (const doc of docs) shiftDocument(doc, start, false);
    out.push(...docs);
  }
  return out;
}

/** Parses the whole text in one go, as the yaml package does; for comparisons in tests. */
export function parseWhole(text: string): Document.Parsed[] {
  return parseYaml(text);
}

/** True when the text can be split into documents at `---` lines (no directives, no `...` ends). */
export function splittable(text: string): boolean {
  return !lineOpenedBy(text, '%', () => true) && !lineOpenedBy(text, '...', endsMarker);
}

/**
 * Whether a line (as in atLineStart) opens with `lead` followed by a character `after` accepts
 * (undefined at the end). Directives and `...` end markers tie documents together; such files are
 * parsed whole. Found from each `lead`: an expression tried at every line of a 2 MB manifest costs
 * a millisecond, at each open and keystroke.
 */
function lineOpenedBy(text: string, lead: string, after: (next: string | undefined) => boolean): boolean {
  for (let at = text.indexOf(lead); at >= 0; at = text.indexOf(lead, at + 1)) {
    if (atLineStart(text, at) && after(text[at + lead.length])) return true;
  }
  return false;
}

/** [start, end) of each document's text; the first range holds whatever precedes the first marker. */
export function documentRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let at = nextDocumentStart(text, 1); at >= 0; at = nextDocumentStart(text, at + 3)) {
    ranges.push([start, at]);
    start = at;
  }
  ranges.push([start, text.length]);
  return ranges;
}

/** Moves a parsed document by `delta`: its tree, and its repair when it has one (`again`: see shiftDocument). */
export function shiftParsedDocument(document: ParsedDocument, delta: number, again = true): void {
  shiftDocument(document.doc, delta, again);
  if (document.repair) shiftRepair(document.repair, delta, (doc, by) => shiftDocument(doc, by, again));
}

/**
 * The range arrays of a document's nodes, its own first, collected at its first move: a keystroke
 * moves every later document of the file, and a loop over arrays costs a fraction of a walk over
 * the tree. A tree changed in place (block-reparse.ts) must forget its list.
 */
const rangeLists = new WeakMap<Document.Parsed, number[][]>();

/** After `doc`'s tree changed in place: its next move collects its ranges again. */
export function forgetRanges(doc: Document.Parsed): void {
  rangeLists.delete(doc);
}

/**
 * Moves every offset of a parsed document by `delta`. With `again` false (a document placed once,
 * as a whole file's are), its ranges are not kept for later moves.
 */
export function shiftDocument(doc: Document.Parsed, delta: number, again = true): void {
  if (delta === 0) return;
  let ranges = rangeLists.get(doc);
  if (!ranges) {
    ranges = rangesOf(doc);
    if (again) rangeLists.set(doc, ranges);
  }
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  for (const e of doc.errors) {
    e.pos[0] += delta;
    e.pos[1] += delta;
  }
  for (const e of doc.warnings) {
    e.pos[0] += delta;
    e.pos[1] += delta;
  }
}

/**
 * The document's range and those of every node under it. A parsed tree shares no node (an alias is
 * a node of its own), so a plain walk visits each once. A node's range is read before its type is
 * asked (most nodes have one, and only pairs have none), because it runs over whole files.
 */
function rangesOf(doc: Document.Parsed): number[][] {
  const out: number[][] = doc.range ? [doc.range] : [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop() as { range?: number[] | null; items?: unknown[]; key?: unknown; value?: unknown } | null | undefined;
    if (node == null || typeof node !== 'object') continue;
    const range = node.range;
    if (range) {
      out.push(range);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    const items = node.items;
    if (items !== undefined && (isMap(node) || isSeq(node))) for (let i = 0; i < items.length; i++) stack.push(items[i]);
  }
  return out;
}
