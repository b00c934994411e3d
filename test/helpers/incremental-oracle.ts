// The in-process oracle of the incremental property tests: a workspace of open documents analysed
// as the server does (one DocumentAnalyzer per document, one shared workspace model, each version
// analysed after the last), and the same texts analysed from scratch. Both are turned into what a
// client sees — diagnostics, and the code actions offered at their ranges — and compared.

import { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { check, Finding, mergeConfig, WorkspaceModel } from '../../server/src/engine';
import { rules } from '../../rules';
import { DocumentAnalyzer, FileAnalysis } from '../../server/src/lsp/analysis';
import { codeActions, resolveCodeAction } from '../../server/src/lsp/code-actions';
import { defaultSettings } from '../../server/src/lsp/settings';
import { buildSnapshot, Snapshot } from '../../server/src/lsp/snapshot';
import { EditCapabilities } from '../../server/src/lsp/workspace-edit';
import { Prng } from './prng';
import { applyEdit, TextEdit } from './random-edits';
import { workspaceOf } from './workspace';

const config = mergeConfig();
/** Fix-all and Harden deferred to `codeAction/resolve`, as VS Code asks: resolved only when `resolveDeferred`. */
const caps: EditCapabilities = { documentChanges: true, changeAnnotations: false, resolveEdits: true };
const quiet = () => undefined;

/** What a client sees of one document, as comparable lines. */
export interface Outcome {
  diagnostics: string[];
  actions: string[];
}

export interface ProbeOptions {
  /** At most this many diagnostics per document get their code actions asked for. */
  maxActionProbes: number;
  /** Resolve deferred fix-all and Harden actions (they re-lint the whole document up to ten times). */
  resolveDeferred: boolean;
}

const uriOf = (file: string) => `file://${file}`;

function analyzeOptions(model: WorkspaceModel, file: string) {
  return { config, rules, key: 'fuzz', model, file, shared: true };
}

function snapshotOf(file: string, version: number, text: string, analysis: FileAnalysis): Snapshot {
  return buildSnapshot({ uri: uriOf(file), version, text, key: 'fuzz', settings: defaultSettings, config, analysis });
}

/** Analyses every document until the model stops changing, as a server's re-diagnosis after a change of facts does. */
function settle(files: ReadonlyMap<string, string>, model: WorkspaceModel, analyzerOf: (file: string) => DocumentAnalyzer, first?: string): Map<string, FileAnalysis> {
  const order = [...files.keys()].sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
  const out = new Map<string, FileAnalysis>();
  for (let round = 0; round < 4; round++) {
    const before = model.generation;
    for (const file of order) out.set(file, analyzerOf(file).analyze(files.get(file)!, analyzeOptions(model, file)));
    if (model.generation === before) break;
  }
  return out;
}

/** Open documents analysed version after version, as the server does. */
export class IncrementalWorkspace {
  readonly model = workspaceOf();
  readonly texts = new Map<string, string>();
  readonly versions = new Map<string, number>();
  private readonly analyzers = new Map<string, DocumentAnalyzer>();
  private analyses = new Map<string, FileAnalysis>();

  constructor(files: Record<string, string>) {
    for (const [file, text] of Object.entries(files)) {
      this.texts.set(file, text);
      this.versions.set(file, 1);
      this.analyzers.set(file, new DocumentAnalyzer());
    }
    this.analyses = settle(this.texts, this.model, (f) => this.analyzers.get(f)!);
  }

  /**
   * Applies one edit as a new version; with `analyze`, analyses the edited document, then the others
   * (a client that pulls after each keystroke); without, the next analysis sees several edits at once.
   */
  edit(file: string, edit: TextEdit, analyze = true): void {
    this.texts.set(file, applyEdit(this.texts.get(file)!, edit));
    this.versions.set(file, this.versions.get(file)! + 1);
    if (analyze) this.settle(file);
  }

  /** Analyses the current versions: `first` before the others. */
  settle(first?: string): void {
    this.analyses = settle(this.texts, this.model, (f) => this.analyzers.get(f)!, first);
  }

  analysis(file: string): FileAnalysis {
    return this.analyses.get(file)!;
  }

  snapshot(file: string): Snapshot {
    return snapshotOf(file, this.versions.get(file)!, this.texts.get(file)!, this.analysis(file));
  }
}

/** The same documents analysed from scratch: the other documents' facts as the indexer reads them, new analyzers. */
export function freshSnapshots(texts: ReadonlyMap<string, string>, versions: ReadonlyMap<string, number>): Map<string, Snapshot> {
  const model = workspaceOf(Object.fromEntries(texts));
  // New analyzers in every round: nothing is reused from a previous text.
  const analyses = settle(texts, model, () => new DocumentAnalyzer());
  return new Map([...analyses].map(([file, analysis]) => [file, snapshotOf(file, versions.get(file)!, texts.get(file)!, analysis)]));
}

export const diagnosticLine = (d: Diagnostic) => JSON.stringify({ code: d.code, range: d.range, severity: d.severity, message: d.message, data: d.data });

/** The code-action requests a client makes: at each probed diagnostic's range, and at one cursor position. */
export function probes(uri: string, list: readonly Diagnostic[], rng: Prng, options: ProbeOptions): CodeActionParams[] {
  const picked = list.length <= options.maxActionProbes ? list : Array.from({ length: options.maxActionProbes }, () => rng.pick(list));
  const out: CodeActionParams[] = picked.map((d) => ({ textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }));
  const at = list.length > 0 ? rng.pick(list).range.start : { line: 0, character: 0 };
  out.push({ textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
  return out;
}

export async function actionLines(snapshot: Snapshot, requests: readonly CodeActionParams[], options: ProbeOptions): Promise<string[]> {
  const out: string[] = [];
  for (const params of requests) {
    const where = `${params.range.start.line}:${params.range.start.character}`;
    for (const action of await codeActions(snapshot, params, caps, quiet, () => false)) {
      const resolved: CodeAction = options.resolveDeferred && !action.edit && action.data ? resolveCodeAction(snapshot, action, caps, quiet) : action;
      out.push(actionLine(where, resolved));
    }
  }
  return out;
}

export const actionLine = (where: string, a: CodeAction) =>
  `${where} ${JSON.stringify({ title: a.title, kind: a.kind, isPreferred: a.isPreferred, edit: a.edit, command: a.command, data: a.data, diagnostics: a.diagnostics?.map((d) => d.code) })}`;

/** Diagnostics and code actions of the incremental and the fresh snapshot of one document, the requests chosen once for both. */
export async function outcomes(incremental: Snapshot, fresh: Snapshot, rng: Prng, options: ProbeOptions): Promise<{ incremental: Outcome; fresh: Outcome }> {
  const a = incremental.diagnostics.map(diagnosticLine);
  const b = fresh.diagnostics.map(diagnosticLine);
  // Code actions are asked only when the diagnostics agree: the client would send different ones otherwise.
  const same = a.length === b.length && a.every((line, i) => line === b[i]);
  const requests = same ? probes(fresh.uri, fresh.diagnostics, rng, options) : [];
  return {
    incremental: { diagnostics: a, actions: await actionLines(incremental, requests, options) },
    fresh: { diagnostics: b, actions: await actionLines(fresh, requests, options) },
  };
}

/** A minimal diff of two outcomes: the lines only one side has, or undefined when they agree. */
export function outcomeDiff(incremental: Outcome, fresh: Outcome): string | undefined {
  const parts: string[] = [];
  for (const field of ['diagnostics', 'actions'] as const) {
    const a = incremental[field];
    const b = fresh[field];
    if (a.length === b.length && a.every((line, i) => line === b[i])) continue;
    const onlyA = a.filter((line) => !b.includes(line));
    const onlyB = b.filter((line) => !a.includes(line));
    parts.push(`${field} differ (${a.length} incremental, ${b.length} fresh):`);
    for (const line of onlyA.slice(0, 10)) parts.push(`  - incremental only: ${line}`);
    for (const line of onlyB.slice(0, 10)) parts.push(`  + fresh only:       ${line}`);
    if (onlyA.length === 0 && onlyB.length === 0) parts.push('  (same lines, different order)');
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}

const findingLine = (f: Finding) => `${f.ruleId}@${f.offset}+${f.length} #${f.documentIndex} ${f.severity} ${f.message}${f.fix ? ` fix: ${f.fix.title}` : ''}`;

/**
 * The fresh analysis against the engine's whole-file check of the same text in the same workspace:
 * the analysis splits a file into documents and caches per document, the check does neither.
 */
export function wholeFileDiff(snapshot: Snapshot): string | undefined {
  const analysis = snapshot.analysis;
  if (!analysis?.workspace) return undefined;
  const whole = check(snapshot.text, { config, rules, workspace: analysis.workspace });
  const a = { diagnostics: analysis.findings.map(findingLine), actions: analysis.problems.map((p) => `${p.code}@${p.offset}+${p.length} ${p.message}`) };
  const b = { diagnostics: whole.findings.map(findingLine), actions: whole.problems.map((p) => `${p.code}@${p.offset}+${p.length} ${p.message}`) };
  return outcomeDiff(a, b)
    ?.replace(/incremental/g, 'analysis')
    .replace(/fresh only: /g, 'check only: ')
    .replace(/(\d+) fresh\)/, '$1 check)')
    .replace(/actions differ/, 'problems differ');
}
