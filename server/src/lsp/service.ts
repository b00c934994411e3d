// The language service: pure functions from a document's analysed state (text, settings, findings)
// to LSP results — diagnostics, code actions, hover, harden results, the rule list, the status.
// It never touches the connection; server.ts wires it to the protocol.

import {
  AnnotatedTextEdit,
  CreateFile,
  TextDocumentEdit,
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Diagnostic,
  Hover,
  MarkupKind,
  Position,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import {
  Config,
  Edit,
  errorMessage,
  FileChange,
  Finding,
  fixAll,
  harden,
  ignoreAnnotationPrefix,
  LineIndex,
  LintOptions,
  loadConfigText,
  NamespacePolicies,
  namespacePolicies,
  Resource,
  setIn,
  targetFor,
  workloadOf,
} from '../engine';
import { isolation, nodeAt, ruleSeverity, scalarValue, span, workloadFact } from '../engine';
import { docsUrl, rules, rulesById } from '../../../rules';
import { FileAnalysis } from './analysis';
import { configProblemToDiagnostic, DiagnosticData, findingToDiagnostic, problemToDiagnostic, sameRange, source, toRange, toTextEdits } from './convert';
import { CannotFix, codeActionKinds, commands, HardenResult, RuleInfo, StatusParams } from './protocol';
import { Settings } from './settings';

/** Everything known about one version of one open document. */
export interface Snapshot {
  uri: string;
  version: number;
  text: string;
  /** Cache key: the settings, config-file and namespace generations it was computed under. */
  key: string;
  settings: Settings;
  config: Config;
  /** Namespace policies of the workspace (the file's own come from the analysis). */
  namespaces: NamespacePolicies;
  /** Absent when kube-harden is disabled for the document. */
  analysis?: FileAnalysis;
  /** True when the file holds Kubernetes resources (or looks like it but is broken). */
  kubernetes: boolean;
  diagnostics: Diagnostic[];
  status: StatusParams;
  /** Expensive code-action edits, computed at most once per snapshot. */
  memo: Map<string, unknown>;
}

/** What the client can do with a WorkspaceEdit. */
export interface EditCapabilities {
  documentChanges: boolean;
  changeAnnotations: boolean;
  /** The client can create files in a WorkspaceEdit (`resourceOperations` includes `create`). */
  createFiles?: boolean;
  /** The client resolves a code action's `edit` lazily (`codeAction/resolve`). */
  resolveEdits?: boolean;
}

/**
 * What a lazily offered code action does, kept in its `data` until the client resolves it: fix-all
 * and Harden re-lint up to ten rounds, too much to compute for every light-bulb request.
 */
export interface DeferredAction {
  uri: string;
  version: number;
  action: 'fixAllRule' | 'fixAll' | 'harden';
  ruleId?: string;
  offset?: number;
}

function isDeferred(data: unknown): data is DeferredAction {
  const d = data as Partial<DeferredAction> | undefined;
  return typeof d?.uri === 'string' && typeof d.version === 'number' && (d.action === 'fixAllRule' || d.action === 'fixAll' || d.action === 'harden');
}

/** The edit of a deferred code action, computed against the snapshot it was offered for. */
function deferredEdit(snapshot: Snapshot, deferred: DeferredAction, caps: EditCapabilities, log: (message: string) => void): WorkspaceEdit | undefined {
  if (deferred.action === 'harden') return hardenSnapshot(snapshot, deferred.offset, caps, log).edit ?? undefined;
  const filter = deferred.action === 'fixAllRule' ? (f: Finding) => f.ruleId === deferred.ruleId : undefined;
  const key = deferred.action === 'fixAllRule' ? `all:${deferred.ruleId}` : 'fixAll';
  const edits = memo(snapshot, key, () => safely(() => fixAll(snapshot.text, lintOptionsOf(snapshot), filter).edits, log, `Fix all ${deferred.ruleId ?? ''}`.trim()));
  return edits.length > 0 ? workspaceEdit(snapshot, edits, caps) : undefined;
}

/** Fills in the edit of a code action offered without one; a stale one (the document moved on) stays without. */
export function resolveCodeAction(snapshot: Snapshot | undefined, action: CodeAction, caps: EditCapabilities, log: (message: string) => void): CodeAction {
  if (!isDeferred(action.data) || !snapshot || snapshot.uri !== action.data.uri || snapshot.version !== action.data.version) return action;
  const edit = deferredEdit(snapshot, action.data, caps, log);
  return edit ? { ...action, edit } : action;
}

/** A code action whose edit is computed now, or deferred to `codeAction/resolve` when the client can. */
function costlyAction(snapshot: Snapshot, base: CodeAction, deferred: Omit<DeferredAction, 'uri' | 'version'>, caps: EditCapabilities, log: (message: string) => void): CodeAction | undefined {
  const data: DeferredAction = { uri: snapshot.uri, version: snapshot.version, ...deferred };
  if (caps.resolveEdits) return { ...base, data };
  const edit = deferredEdit(snapshot, data, caps, log);
  return edit ? { ...base, edit } : undefined;
}

// ------------------------------------------------------------------------------------------------
// Diagnostics and status.

const kubernetesHint = /^\s*(?:-\s+)?(?:apiVersion|kind)\s*:/m;

export function buildSnapshot(base: Omit<Snapshot, 'kubernetes' | 'diagnostics' | 'status' | 'memo'>): Snapshot {
  const { analysis, text, config, version } = base;
  const memo = new Map<string, unknown>();
  if (!analysis) {
    const status = statusOf(base.uri, config, [], false);
    return { ...base, kubernetes: false, diagnostics: [], status, memo };
  }
  const { file } = analysis;
  const syntax = analysis.problems.filter((p) => p.code === 'yaml-syntax');
  const skipped = analysis.problems.filter((p) => p.code === 'not-checked');
  // Broken YAML counts as Kubernetes when it names apiVersion or kind; otherwise it is somebody else's file.
  const kubernetes = analysis.resources.length > 0 || (syntax.length > 0 && kubernetesHint.test(text));
  const diagnostics: Diagnostic[] = [];
  if (skipped.length > 0) {
    // A skipped file gets one note: silence would look like a clean bill of health.
    diagnostics.push(problemToDiagnostic(file.lines, skipped[0]));
  } else if (kubernetes) {
    let deep = false;
    for (const problem of syntax) {
      // The parser reports stack exhaustion on absurd nesting once per level it unwinds: say it once, plainly.
      if (/call stack/i.test(problem.message)) {
        if (!deep) diagnostics.push(problemToDiagnostic(file.lines, { ...problem, code: 'not-checked', message: 'Document not checked: it is nested too deeply.' }));
        deep = true;
      } else {
        diagnostics.push(problemToDiagnostic(file.lines, problem));
      }
    }
    for (const finding of analysis.findings) diagnostics.push(findingToDiagnostic(file.lines, finding, version));
  }
  const checked = kubernetes && skipped.length === 0;
  const status = statusOf(base.uri, config, checked ? diagnostics : [], checked, levelOf(analysis.resources, config, base.namespaces));
  return { ...base, kubernetes, diagnostics, status, memo };
}

/** The level in force for the file's workloads: their namespace's when they all agree, else the configured one. */
function levelOf(resources: readonly Resource[], config: Config, workspace: NamespacePolicies): string {
  const namespaces = new Map(workspace);
  for (const [name, policy] of namespacePolicies(resources)) namespaces.set(name, policy);
  const levels = new Set(resources.filter((r) => workloadOf(r)).map((r) => targetFor(r, config, namespaces).level));
  return levels.size === 1 ? [...levels][0] : config.podSecurityLevel;
}

function statusOf(uri: string, config: Config, diagnostics: Diagnostic[], checked: boolean, level: string = config.podSecurityLevel): StatusParams {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 1) errors++;
    else if (d.severity === 2) warnings++;
    else infos++;
  }
  return { uri, level, kubernetesVersion: config.kubernetesVersion, errors, warnings, infos, total: errors + warnings + infos, checked };
}

/** Diagnostics for an open `.kube-harden.yaml`: its validation problems. */
export function configFileDiagnostics(text: string): Diagnostic[] {
  const lines = new LineIndex(text);
  return loadConfigText(text).problems.map((p) => configProblemToDiagnostic(lines, p));
}

// ------------------------------------------------------------------------------------------------
// Code actions.

export function lintOptionsOf(snapshot: Snapshot): LintOptions {
  return { config: snapshot.config, rules, namespaces: snapshot.namespaces };
}

/** The finding a diagnostic was made from: by rule id and exact range, never by message. */
export function findingOf(snapshot: Snapshot, diagnostic: Diagnostic): Finding | undefined {
  const analysis = snapshot.analysis;
  if (!analysis || diagnostic.source !== source) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  const ruleId = typeof diagnostic.code === 'string' ? diagnostic.code : data?.ruleId;
  if (!ruleId || !rulesById.has(ruleId)) return undefined;
  const lines = analysis.file.lines;
  return analysis.findings.find((f) => f.ruleId === ruleId && sameRange(toRange(lines, f.offset, f.length), diagnostic.range));
}

function only(params: CodeActionParams, kind: string): boolean {
  const wanted = params.context.only;
  if (!wanted || wanted.length === 0) return true;
  return wanted.some((w) => kind === w || kind.startsWith(`${w}.`));
}

export function workspaceEdit(snapshot: Snapshot, edits: readonly Edit[], caps: EditCapabilities, annotation?: { label: string; description: string }): WorkspaceEdit {
  const lines = snapshot.analysis?.file.lines ?? new LineIndex(snapshot.text);
  const textEdits: TextEdit[] = toTextEdits(lines, edits);
  if (!caps.documentChanges) return { changes: { [snapshot.uri]: textEdits } };
  const id = 'kubeHarden.harden';
  const annotate = annotation && caps.changeAnnotations;
  const list = annotate ? textEdits.map((e) => AnnotatedTextEdit.replace(e.range, e.newText, id)) : textEdits;
  const edit: WorkspaceEdit = { documentChanges: [{ textDocument: { uri: snapshot.uri, version: snapshot.version }, edits: list }] };
  if (annotate) edit.changeAnnotations = { [id]: { label: annotation.label, description: annotation.description, needsConfirmation: true } };
  return edit;
}

/** Reads another file's current text (open editor first, else disk); undefined when it does not exist. */
export type FileReader = (uri: string) => string | undefined;

/**
 * Adds a suggestion's changes to other files to a WorkspaceEdit: `create` makes a new file (never
 * overwriting one), `append` adds text at the end of a file, creating it when missing.
 */
export function withFileChanges(edit: WorkspaceEdit, manifestUri: string, changes: readonly FileChange[], read: FileReader): WorkspaceEdit {
  const documentChanges = [...(edit.documentChanges ?? [])];
  for (const change of changes) {
    const uri = new URL(change.path, manifestUri).toString();
    const current = read(uri);
    if (current === undefined) {
      documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
      documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert(Position.create(0, 0), change.text)]));
      continue;
    }
    if (change.mode === 'create') continue;
    if (change.once && hasLines(current, change.text)) continue;
    const end = new LineIndex(current).position(current.length);
    const separator = current.length > 0 && !current.endsWith('\n') ? '\n' : '';
    documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert(end, separator + change.text)]));
  }
  return { ...edit, documentChanges };
}

/** True when every non-empty line of `text` is already a line of `current`. */
function hasLines(current: string, text: string): boolean {
  const lines = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  return text.split(/\r?\n/).every((l) => l.trim() === '' || lines.has(l.trim()));
}

function memo<T>(snapshot: Snapshot, key: string, compute: () => T): T {
  if (!snapshot.memo.has(key)) snapshot.memo.set(key, compute());
  return snapshot.memo.get(key) as T;
}

function safely(apply: () => Edit[], log: (message: string) => void, what: string): Edit[] {
  try {
    return apply();
  } catch (error) {
    log(`${what} failed: ${errorMessage(error)}`);
    return [];
  }
}

/** The resource a finding belongs to. */
function resourceOf(snapshot: Snapshot, finding: Finding): Resource | undefined {
  return snapshot.analysis?.resources.find((r) => {
    const range = r.root.range;
    return r.document.index === finding.documentIndex && range !== undefined && range !== null && finding.offset >= range[0] && finding.offset <= range[2];
  });
}

export function codeActions(
  snapshot: Snapshot,
  params: CodeActionParams,
  caps: EditCapabilities,
  log: (message: string) => void,
  cancelled: () => boolean,
  readFile: FileReader = () => undefined,
): CodeAction[] {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return [];
  const file = analysis.file;
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const once = (key: string) => (seen.has(key) ? false : (seen.add(key), true));

  for (const diagnostic of params.context.diagnostics) {
    if (cancelled()) return out;
    const finding = findingOf(snapshot, diagnostic);
    if (!finding) continue;
    const id = finding.ruleId;
    if (only(params, CodeActionKind.QuickFix)) {
      if (finding.fix) {
        const edits = safely(() => finding.fix!.apply(file), log, `Fix for ${id}`);
        if (edits.length > 0) {
          out.push({ title: finding.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: workspaceEdit(snapshot, edits, caps) });
        }
      }
      for (const suggestion of finding.suggestions) {
        const edits = safely(() => suggestion.apply(file), log, `Suggestion for ${id}`);
        if (suggestion.files) {
          // A suggestion that writes other files needs a client that can create them.
          if (!caps.documentChanges || !caps.createFiles) continue;
          let changes: FileChange[] = [];
          try {
            changes = suggestion.files(file);
          } catch (error) {
            log(`Suggestion for ${id} failed: ${errorMessage(error)}`);
            continue;
          }
          // A suggestion that would create a file that already exists would do nothing: don't offer it.
          if (changes.some((c) => c.mode === 'create' && readFile(new URL(c.path, snapshot.uri).toString()) !== undefined)) continue;
          if (edits.length > 0 || changes.length > 0) out.push({ title: suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: withFileChanges(workspaceEdit(snapshot, edits, caps), snapshot.uri, changes, readFile) });
          continue;
        }
        if (edits.length > 0) out.push({ title: suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(snapshot, edits, caps) });
      }
      const fixable = analysis.findings.filter((f) => f.ruleId === id && f.fix).length;
      if (fixable > 1 && once(`all:${id}`)) {
        const action = costlyAction(snapshot, { title: `Fix all ${id} problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] }, { action: 'fixAllRule', ruleId: id }, caps, log);
        if (action) out.push(action);
      }
      const resource = resourceOf(snapshot, finding);
      if (resource && once(`disable:${id}:${resource.document.index}:${resource.root.range?.[0]}`)) {
        const edits = safely(() => setIn({ text: file.text, doc: resource.doc }, resource.root, ['metadata', 'annotations', ignoreAnnotationPrefix + id], 'TODO: say why this rule does not apply here'), log, `Disable ${id}`);
        const name = `${resource.kind}/${resource.name || '(unnamed)'}`;
        if (edits.length > 0) out.push({ title: `Disable ${id} for ${name}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(snapshot, edits, caps) });
      }
      if (once(`docs:${id}`)) {
        const url = docsUrl(id);
        out.push({ title: `Show documentation for ${id}`, kind: CodeActionKind.QuickFix, command: { title: `Show documentation for ${id}`, command: commands.showDocumentation, arguments: [url] } });
      }
    }
  }

  if (only(params, codeActionKinds.fixAll) && !cancelled() && analysis.findings.some((f) => f.fix)) {
    const action = costlyAction(snapshot, { title: 'Fix all auto-fixable kube-harden problems', kind: codeActionKinds.fixAll }, { action: 'fixAll' }, caps, log);
    if (action) out.push(action);
  }

  if (only(params, codeActionKinds.harden) && !cancelled()) {
    const offset = file.lines.offset(params.range.start);
    const workload = analysis.resources.find((r) => workloadOf(r) && r.root.range && offset >= r.root.range[0] && offset <= r.root.range[2]);
    // At the restricted level a workload without Pod Security findings has nothing left to harden.
    const pending = workload && (snapshot.config.podSecurityLevel !== 'restricted' || analysis.findings.some((f) => f.pss && f.offset >= workload.root.range![0] && f.offset <= workload.root.range![2]));
    if (workload && pending) {
      const action = costlyAction(snapshot, { title: 'Harden this workload (restricted)', kind: codeActionKinds.harden }, { action: 'harden', offset }, caps, log);
      if (action) out.push(action);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Harden.

export function hardenSnapshot(snapshot: Snapshot, offset: number | undefined, caps: EditCapabilities, log: (message: string) => void): HardenResult {
  let result;
  try {
    result = harden(snapshot.text, { config: snapshot.config, rules, namespaces: snapshot.namespaces, offset });
  } catch (error) {
    log(`Harden failed on ${snapshot.uri}: ${errorMessage(error)}`);
    return { edit: null, workloads: [], cannotFix: [], message: 'Harden failed; see the kube-harden output for details.' };
  }
  const after = new LineIndex(result.text);
  const cannotFix: CannotFix[] = result.cannotFix.map((f) => ({ ruleId: f.ruleId, message: f.message, range: toRange(after, f.offset, f.length) }));
  const names = result.workloads.join(', ');
  const edit =
    result.edits.length > 0
      ? workspaceEdit(snapshot, result.edits, caps, { label: `Harden ${names || 'workloads'}`, description: 'Make the workload pass the restricted Pod Security Standard' })
      : null;
  return { edit, workloads: result.workloads, cannotFix, message: hardenMessage(result.workloads, result.edits.length > 0, cannotFix) };
}

function hardenMessage(workloads: string[], changed: boolean, cannotFix: CannotFix[]): string {
  if (workloads.length === 0) return 'No workload to harden here.';
  const names = workloads.length <= 3 ? workloads.join(', ') : `${workloads.slice(0, 3).join(', ')} and ${workloads.length - 3} more`;
  const head = changed ? `Hardened ${names} for the restricted level` : `${names} needed no safe fix`;
  if (cannotFix.length === 0) return `${head}; nothing left to fix.`;
  const left = cannotFix.slice(0, 3).map((c) => `${c.message} (${c.ruleId})`);
  const more = cannotFix.length > 3 ? ` and ${cannotFix.length - 3} more` : '';
  return `${head}; left in place: ${left.join('; ')}${more}.`;
}

// ------------------------------------------------------------------------------------------------
// Hover.

export function hover(snapshot: Snapshot, position: Position, fileUri: (path: string) => string = (p) => p): Hover | null {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return null;
  const offset = analysis.file.lines.offset(position);
  const hits = analysis.findings.filter((f) => offset >= f.offset && offset <= f.offset + f.length);
  const network = networkHover(analysis, offset, fileUri);
  if (hits.length === 0 && !network) return null;
  const sections = hits.map((f) => {
    const meta = rulesById.get(f.ruleId)?.meta;
    const lines = [`**${meta?.title ?? f.ruleId}** \`${f.ruleId}\``, '', f.message];
    if (f.pss) lines.push('', `Pod Security Standards: level \`${f.pss.level}\`, check \`${f.pss.check}\``);
    if (meta?.hint) lines.push('', meta.hint);
    if (f.fix) lines.push('', `Fix available: ${f.fix.title}`);
    else if (f.suggestions.length > 0) lines.push('', `Fix available: ${f.suggestions.length === 1 ? 'one suggestion' : `${f.suggestions.length} suggestions`} (review before applying)`);
    lines.push('', `[Documentation](${docsUrl(f.ruleId)})`);
    return lines.join('\n');
  });
  if (network) sections.push(network.text);
  const range = hits.length > 0 ? toRange(analysis.file.lines, hits[0].offset, hits[0].length) : toRange(analysis.file.lines, network!.offset, network!.length);
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}

/** On a workload's `metadata.name`: the policies of the workspace that select its pods, or that none does. */
function networkHover(analysis: FileAnalysis, offset: number, fileUri: (path: string) => string): { text: string; offset: number; length: number } | undefined {
  if (!analysis.workspace) return undefined;
  const resource = analysis.resources.find((r) => {
    const [start, end] = span(r.anchor);
    return workloadOf(r) !== undefined && r.name !== '' && offset >= start && offset <= end && scalarValue(nodeAt(r.doc, r.root, ['metadata', 'name'])) !== undefined;
  });
  if (!resource) return undefined;
  const fact = workloadFact(analysis.facts?.file ?? '', resource, analysis.file.lines)!;
  const { selecting } = isolation(analysis.workspace, fact, 'ingress');
  const what = `${fact.kind} "${fact.name}"`;
  const [start, end] = span(resource.anchor);
  if (selecting.length === 0) {
    return { text: `**Network policies**\n\nNo NetworkPolicy of the workspace selects ${what}: its pods accept traffic from every pod of the cluster.`, offset: start, length: end - start };
  }
  const lines = [`**Network policies selecting ${what}**`, ''];
  for (const { policy, certain } of selecting) {
    const directions = [policy.ingress === true ? 'ingress' : '', policy.egress === true ? 'egress' : ''].filter(Boolean).join(', ') || 'no direction';
    const own = policy.file === fact.file;
    const where = own ? `this file, line ${policy.line + 1}` : `[${policy.file.split(/[\\/]/).pop()}:${policy.line + 1}](${fileUri(policy.file)}#L${policy.line + 1})`;
    lines.push(`- ${policy.kind} \`${policy.name || '(unnamed)'}\` (${directions}) — ${where}${certain ? '' : ' — may select it (templated labels)'}`);
  }
  return { text: lines.join('\n'), offset: start, length: end - start };
}

// ------------------------------------------------------------------------------------------------
// The rule list.

export function listRules(config: Config, enabled: boolean): { rules: RuleInfo[] } {
  return {
    rules: rules.map((rule) => {
      const setting = config.rules[rule.id];
      return {
        id: rule.id,
        title: rule.meta.title,
        description: rule.meta.description,
        category: rule.meta.category,
        severity: setting && setting !== 'off' ? setting : rule.meta.severity,
        level: rule.meta.pss?.level ?? null,
        check: rule.meta.pss?.check ?? null,
        fix: rule.meta.fix,
        docsUrl: docsUrl(rule.id),
        enabled: enabled && ruleSeverity(rule, config) !== undefined,
      };
    }),
  };
}
