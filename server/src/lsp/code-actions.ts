// Code actions: each finding's fix and suggestions, "fix all" of one rule or of the file, disabling a
// rule for one resource, the rule's documentation, and "Harden this workload". Fix-all and Harden
// re-lint up to ten rounds, so their edits are resolved lazily when the client can.

import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { Finding, fixAll, ignoreAnnotationPrefix, LintOptions, Resource, setIn } from '../engine';
import { docFile, docsUrl, ruleById, rulesFor } from '../../../rules';
import { sameRange, source, toRange } from './convert';
import { hardenSnapshot } from './harden';
import { hardenTargetAt, hardenTitle } from './harden-places';
import { syntaxQuickFix } from './syntax-actions';
import { codeActionKinds, commands } from './protocol';
import { Snapshot } from './snapshot';
import { GitLookup, suggestionEdit } from './suggestion-edit';
import { EditCapabilities, FileReader, memo, safely, workspaceEdit } from './workspace-edit';

type Log = (message: string) => void;

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
function deferredEdit(snapshot: Snapshot, deferred: DeferredAction, caps: EditCapabilities, log: Log): WorkspaceEdit | undefined {
  if (deferred.action === 'harden') return hardenSnapshot(snapshot, deferred.offset, caps, log).edit ?? undefined;
  const filter = deferred.action === 'fixAllRule' ? (f: Finding) => f.ruleId === deferred.ruleId : undefined;
  const key = deferred.action === 'fixAllRule' ? `all:${deferred.ruleId}` : 'fixAll';
  const edits = memo(snapshot, key, () => safely(() => fixAll(snapshot.text, lintOptionsOf(snapshot), filter).edits, log, `Fix all ${deferred.ruleId ?? ''}`.trim()));
  return edits.length > 0 ? workspaceEdit(snapshot, edits, caps) : undefined;
}

/** Fills in the edit of a code action offered without one; a stale one (the document moved on) stays without. */
export function resolveCodeAction(snapshot: Snapshot | undefined, action: CodeAction, caps: EditCapabilities, log: Log): CodeAction {
  if (!isDeferred(action.data) || !snapshot || snapshot.uri !== action.data.uri || snapshot.version !== action.data.version) return action;
  const edit = deferredEdit(snapshot, action.data, caps, log);
  return edit ? { ...action, edit } : action;
}

/** A code action whose edit is computed now, or deferred to `codeAction/resolve` when the client can. */
function costlyAction(snapshot: Snapshot, base: CodeAction, deferred: Omit<DeferredAction, 'uri' | 'version'>, caps: EditCapabilities, log: Log): CodeAction | undefined {
  const data: DeferredAction = { uri: snapshot.uri, version: snapshot.version, ...deferred };
  if (caps.resolveEdits) return { ...base, data };
  const edit = deferredEdit(snapshot, data, caps, log);
  return edit ? { ...base, edit } : undefined;
}

export function lintOptionsOf(snapshot: Snapshot): LintOptions {
  return { config: snapshot.config, rules: rulesFor(snapshot.config), workspace: snapshot.analysis?.workspace };
}

/** The finding a diagnostic was made from: by rule id and exact range, never by message. */
export function findingOf(snapshot: Snapshot, diagnostic: Diagnostic): Finding | undefined {
  const analysis = snapshot.analysis;
  if (!analysis || diagnostic.source !== source) return undefined;
  const ruleId = diagnostic.code;
  if (typeof ruleId !== 'string' || !ruleById(ruleId, snapshot.config)) return undefined;
  const lines = analysis.file.lines;
  return analysis.findings.find((f) => f.ruleId === ruleId && sameRange(toRange(lines, f.offset, f.length), diagnostic.range));
}

function only(params: CodeActionParams, kind: string): boolean {
  const wanted = params.context.only;
  if (!wanted || wanted.length === 0) return true;
  return wanted.some((w) => kind === w || kind.startsWith(`${w}.`));
}

/** The resource a finding belongs to. */
function resourceOf(snapshot: Snapshot, finding: Finding): Resource | undefined {
  return snapshot.analysis?.resources.find((r) => {
    const range = r.root.range;
    return r.document.index === finding.documentIndex && range !== undefined && range !== null && finding.offset >= range[0] && finding.offset <= range[2];
  });
}

interface ActionContext {
  snapshot: Snapshot;
  params: CodeActionParams;
  caps: EditCapabilities;
  log: Log;
  readFile: FileReader;
  git: GitLookup;
  /** True the first time a key is seen: one "fix all" or "disable" action per rule and resource. */
  once(key: string): boolean;
}

/** Where the server reads other files and asks git about them. */
export interface OtherFiles {
  readFile: FileReader;
  git: GitLookup;
}

const noOtherFiles: OtherFiles = { readFile: () => undefined, git: async () => 'unknown' };

export async function codeActions(snapshot: Snapshot, params: CodeActionParams, caps: EditCapabilities, log: Log, cancelled: () => boolean, files: OtherFiles = noOtherFiles): Promise<CodeAction[]> {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return [];
  const seen = new Set<string>();
  const ctx: ActionContext = { snapshot, params, caps, log, ...files, once: (key) => (seen.has(key) ? false : (seen.add(key), true)) };
  const out: CodeAction[] = [];
  if (only(params, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (cancelled()) return out;
      const finding = findingOf(snapshot, diagnostic);
      if (finding) out.push(...(await quickFixes(ctx, finding, diagnostic)));
      else {
        const syntax = syntaxQuickFix(snapshot, diagnostic, caps);
        if (syntax) out.push(syntax);
      }
    }
  }
  if (only(params, codeActionKinds.fixAll) && !cancelled() && analysis.findings.some((f) => f.fix)) {
    const action = costlyAction(snapshot, { title: 'Fix all auto-fixable kube-harden problems', kind: codeActionKinds.fixAll }, { action: 'fixAll' }, caps, log);
    if (action) out.push(action);
  }
  if (only(params, codeActionKinds.harden) && !cancelled()) {
    const action = hardenAction(snapshot, params, caps, log);
    if (action) out.push(action);
  }
  return out;
}

/** The quick fixes of one finding: its fix, its suggestions, fix all of its rule, disable, documentation. */
async function quickFixes(ctx: ActionContext, finding: Finding, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const { snapshot, caps, log } = ctx;
  const file = snapshot.analysis!.file;
  const id = finding.ruleId;
  const out: CodeAction[] = [];
  const action = (title: string, edit: WorkspaceEdit, isPreferred?: boolean): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit });
  if (finding.fix) {
    const edits = safely(() => finding.fix!.apply(file), log, `Fix for ${id}`);
    if (edits.length > 0) out.push(action(finding.fix.title, workspaceEdit(snapshot, edits, caps), true));
  }
  for (const suggestion of finding.suggestions) {
    const offered = await suggestionEdit(ctx, suggestion, id);
    if (offered)
      out.push({
        title: offered.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(offered.edit ? { edit: offered.edit } : {}),
        ...(offered.command ? { command: offered.command } : {}),
      });
  }
  const fixable = snapshot.analysis!.findings.filter((f) => f.ruleId === id && f.fix).length;
  if (fixable > 1 && ctx.once(`all:${id}`)) {
    const all = costlyAction(snapshot, { title: `Fix all ${id} problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] }, { action: 'fixAllRule', ruleId: id }, caps, log);
    if (all) out.push(all);
  }
  const resource = resourceOf(snapshot, finding);
  if (resource && ctx.once(`disable:${id}:${resource.document.index}:${resource.root.range?.[0]}`)) {
    const edits = safely(
      () => setIn({ text: file.text, doc: resource.doc }, resource.root, ['metadata', 'annotations', ignoreAnnotationPrefix + id], 'TODO: say why this rule does not apply here'),
      log,
      `Disable ${id}`,
    );
    const name = `${resource.kind}/${resource.name || '(unnamed)'}`;
    if (edits.length > 0) out.push(action(`Disable ${id} for ${name}`, workspaceEdit(snapshot, edits, caps)));
  }
  if (ctx.once(`docs:${id}`)) {
    const title = `Show documentation for ${id}`;
    out.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: commands.showDocumentation, arguments: [docsUrl(id), docFile(id)] } });
  }
  return out;
}

/** "Harden this workload" where it helps: on a line of one of the workload's findings, or on its `kind` or `metadata.name`. */
function hardenAction(snapshot: Snapshot, params: CodeActionParams, caps: EditCapabilities, log: Log): CodeAction | undefined {
  const analysis = snapshot.analysis!;
  const target = hardenTargetAt(analysis, snapshot.config.podSecurityLevel === 'restricted', params.range.start.line, params.range.end.line);
  if (!target) return undefined;
  const offset = target.resource.root.range![0];
  return costlyAction(snapshot, { title: hardenTitle, kind: codeActionKinds.harden }, { action: 'harden', offset }, caps, log);
}
