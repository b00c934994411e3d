// Quick fixes of the findings an overlay's rendering has on a base (or a JSON 6902 removal): the
// rule's fix (and each suggestion) made in the base file, so that every overlay gets it, or made in
// this overlay only, as a strategic-merge patch file listed last in its kustomization (inline there
// when the client cannot create files). A base fix is offered only while the base is as rendered.

import { CodeAction, CodeActionKind, CreateFile, Diagnostic, Position, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { Fix, parseManifest } from '../engine';
import { baseFix, Change, changedByOverlay, KustomizationFact, kustomizations, OverlayFinding, overlayName, overlayPatchFix, OwnPatch, patchTarget, renderedChanges } from '../../../rules';
import { ServerContext } from './context';
import { toTextEdits } from './convert';
import { EditCapabilities } from './workspace-edit';

export interface PendingLayoutFix {
  /** The file key the diagnostic is on. */
  key: string;
  diagnostic: Diagnostic;
  mapped: OverlayFinding & { fixing: NonNullable<OverlayFinding['fixing']> };
  overlay: KustomizationFact;
  /** What each fix or suggestion (by title) changes, computed on the first request. */
  changes?: Map<string, Change[] | undefined>;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

const sameDiagnostic = (a: Diagnostic, b: Diagnostic) => a.code === b.code && a.message === b.message && overlaps(a.range, b.range) && overlaps(b.range, a.range);

/**
 * The layout fixes of the pending findings on `uri` that `range` touches and the client asks about
 * (its context's diagnostics, when it names any). One line of a base can hold the finding of several
 * overlays: each gets its overlay's fix, and the base fix, the same for all, is offered once.
 */
export function layoutFixActions(ctx: ServerContext, pending: readonly PendingLayoutFix[], uri: string, range: Range, caps: EditCapabilities, asked: readonly Diagnostic[] = []): CodeAction[] {
  const key = ctx.paths.keyOf(uri);
  const out: CodeAction[] = [];
  const overlayActions: CodeAction[] = [];
  const baseActions = new Map<string, CodeAction>();
  for (const p of pending) {
    if (p.key !== key || !overlaps(p.diagnostic.range, range)) continue;
    if (asked.length > 0 && !asked.some((d) => sameDiagnostic(d, p.diagnostic))) continue;
    const { finding } = p.mapped.fixing;
    const choices: Array<{ title: string; apply: Fix; preferred?: boolean }> = [
      ...(finding.fix ? [{ ...finding.fix, preferred: true }] : []),
      // A suggestion that also writes other files (a Secret, a values file) is not a change of this resource alone.
      ...finding.suggestions.filter((s) => !s.files),
    ];
    p.changes ??= new Map();
    for (const choice of choices) {
      if (!p.changes.has(choice.title)) p.changes.set(choice.title, renderedChanges(p.mapped.fixing.rendering, finding, p.mapped.fixing.resource, choice.apply));
      const changes = p.changes.get(choice.title);
      if (!changes) continue;
      const action = (title: string, edit: WorkspaceEdit, isPreferred?: boolean): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [p.diagnostic], isPreferred, edit });
      const title = `${choice.title} in the base, for every overlay`;
      const seen = baseActions.get(title);
      if (seen) seen.diagnostics!.push(p.diagnostic);
      const inBase = !seen && baseEdit(ctx, p, changes);
      if (inBase) {
        baseActions.set(title, action(title, inBase, choice.preferred));
        out.push(baseActions.get(title)!);
      }
      const inOverlay = overlayEdit(ctx, p, changes, caps);
      if (inOverlay) overlayActions.push(action(`${choice.title} in overlay ${overlayName(p.overlay)} only (${inOverlay.where})`, inOverlay.edit));
    }
  }
  // The base first, then the overlays by name: the order overlays finish rendering in is no order for a menu.
  return [...out, ...overlayActions.sort((a, b) => a.title.localeCompare(b.title))];
}

function baseEdit(ctx: ServerContext, p: PendingLayoutFix, changes: readonly Change[]): WorkspaceEdit | undefined {
  const { base, resource } = p.mapped.fixing;
  if (!base) return undefined;
  const uri = ctx.paths.uriOf(base.file);
  // Edits computed on the text the rendering read would land on the wrong lines of a changed file.
  if (ctx.readOtherFile(uri) !== base.parsed.text) return undefined;
  const edits = baseFix(changes, resource, base);
  return edits && { changes: { [uri]: toTextEdits(base.parsed.lines, edits) } };
}

/** The overlay's own strategic-merge patch files that no other kustomization of the workspace uses (editing a shared one would change other overlays). */
function ownPatches(ctx: ServerContext, overlay: KustomizationFact): OwnPatch[] {
  const facts = ctx.model.view('').facts(kustomizations) as readonly KustomizationFact[];
  const users = (file: string) => facts.filter((f) => f.patches.some((p) => p.file === file) || f.resources.includes(file)).length;
  const out: OwnPatch[] = [];
  for (const patch of overlay.patches) {
    if (patch.type !== 'strategic-merge' || users(patch.file) !== 1) continue;
    const text = ctx.readOtherFile(ctx.paths.uriOf(patch.file));
    if (text !== undefined) out.push({ file: patch.file, parsed: parseManifest(text) });
  }
  return out;
}

function overlayEdit(ctx: ServerContext, p: PendingLayoutFix, changes: readonly Change[], caps: EditCapabilities): { edit: WorkspaceEdit; where: string } | undefined {
  const { base, resource, finding } = p.mapped.fixing;
  if (!base) return undefined;
  const kustomizationUri = ctx.paths.uriOf(p.overlay.at.file);
  const text = ctx.readOtherFile(kustomizationUri);
  if (text === undefined) return undefined;
  const parsed = parseManifest(text);
  const name = overlayName(p.overlay);
  const patches = ownPatches(ctx, p.overlay);
  const fix = overlayPatchFix({
    changes,
    target: patchTarget(resource, base.resource),
    ruleId: finding.ruleId,
    kustomization: { file: p.overlay.at.file, parsed },
    canCreate: caps.createFiles === true && caps.documentChanges,
    exists: (file) => ctx.readOtherFile(ctx.paths.uriOf(file)) !== undefined,
    comment: `kube-harden: ${finding.ruleId}, in overlay ${name} only.`,
    patches,
    overlayChanged: changedByOverlay(changes, resource, base.resource),
  });
  if (!fix) return undefined;
  if (fix.existing) {
    const uri = ctx.paths.uriOf(fix.existing.file);
    const lines = patches.find((patch) => patch.file === fix.existing!.file)!.parsed.lines;
    return { edit: { changes: { [uri]: toTextEdits(lines, fix.existing.edits) } }, where: `in its patch ${fix.name}` };
  }
  if (!fix.kustomizationEdit) return undefined;
  const kustomizationEdits = toTextEdits(parsed.lines, [fix.kustomizationEdit]);
  if (!fix.create) {
    const edit = caps.documentChanges
      ? { documentChanges: [TextDocumentEdit.create({ uri: kustomizationUri, version: null }, kustomizationEdits)] }
      : { changes: { [kustomizationUri]: kustomizationEdits } };
    return { edit, where: 'inline patch in its kustomization' };
  }
  const patchUri = ctx.paths.uriOf(fix.create.file);
  const documentChanges = [
    CreateFile.create(patchUri, { overwrite: false, ignoreIfExists: false }),
    TextDocumentEdit.create({ uri: patchUri, version: null }, [TextEdit.insert(Position.create(0, 0), fix.create.text)]),
    TextDocumentEdit.create({ uri: kustomizationUri, version: null }, kustomizationEdits),
  ];
  return { edit: { documentChanges }, where: `new patch ${fix.name}` };
}
