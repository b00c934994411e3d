// The rendered check in the editor: when a file of a Kustomize overlay's tree is opened or saved
// (never on a keystroke), the overlay is rendered in the background with the user's Kustomize
// binary — a newer rendering of the same overlay cancels the older — and its findings are kept as
// diagnostics of the files that cause them, until the next rendering of that overlay. The time of
// each rendering goes to the log; the tool's own output never does (it can quote a Secret).

import { readFileSync } from 'node:fs';
import { CodeAction, Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import { lint, LineIndex, mergeConfig, ParsedFile, parseManifest } from '../engine';
import { renderKustomization, workspaceKustomizeCommand } from '../io';
import type { MapRequest } from '../../../rules';
import { checkRendering, filesOfTree, kustomizationDir, KustomizationFact, kustomizations, overlayName, overlaysOf, overlayTree, rules } from '../../../rules';
import { ServerContext } from './context';
import { findingToDiagnostic, toRange } from './convert';
import { layoutFixActions, PendingLayoutFix } from './overlay-fixes';
import { settingsToConfig } from './settings';
import { EditCapabilities } from './workspace-edit';

const source = 'kube-harden';
export const noKustomizeCode = 'kustomize-not-rendered';

export class OverlayRenders {
  /** Diagnostics by file key, per overlay (by its kustomization's key). */
  private readonly byOverlay = new Map<string, Map<string, Diagnostic[]>>();
  /** The findings of each overlay's last rendering that a layout fix can fix. */
  private readonly fixes = new Map<string, PendingLayoutFix[]>();
  private readonly running = new Map<string, AbortController>();
  /** Incremented whenever a rendering's diagnostics change: part of the snapshots' cache key. */
  generation = 0;

  constructor(
    private readonly ctx: ServerContext,
    private readonly changed: () => void,
  ) {}

  /** The rendered check's diagnostics on a file, from every overlay it belongs to. */
  diagnosticsFor(key: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const files of this.byOverlay.values()) out.push(...(files.get(key) ?? []));
    return out;
  }

  /** Quick fixes of the rendered findings on this file in `range`: in the base for every overlay, or in the overlay only. */
  codeActions(uri: string, range: Range, caps: EditCapabilities, asked: readonly Diagnostic[]): CodeAction[] {
    return layoutFixActions(this.ctx, [...this.fixes.values()].flat(), uri, range, caps, asked);
  }

  /** Files were opened or saved (or the workspace scan found the overlays of open files): their overlays render again, in the background. */
  touched(uris: readonly string[]): void {
    const keys = new Set(uris.map((uri) => this.ctx.paths.keyOf(uri)));
    const facts = this.ctx.model.view('').facts(kustomizations) as readonly KustomizationFact[];
    for (const overlay of overlaysOf(facts)) {
      const tree = overlayTree(overlay, facts);
      const files = filesOfTree(tree);
      const uri = uris.find((u) => files.has(this.ctx.paths.keyOf(u)));
      if (!uri || ![...keys].some((k) => files.has(k))) continue;
      this.ctx.info(`Overlay ${overlayName(overlay)}: rendering in the background.`);
      void this.render(uri, overlay, tree).catch((error) => this.ctx.log(`Rendering overlay ${overlayName(overlay)} failed: ${String((error as Error)?.name ?? 'error')}`));
    }
  }

  private async render(uri: string, overlay: KustomizationFact, tree: KustomizationFact[]): Promise<void> {
    const id = overlay.at.file;
    this.running.get(id)?.abort();
    const controller = new AbortController();
    this.running.set(id, controller);
    const [settings, folder] = await Promise.all([this.ctx.settings.get(uri), this.ctx.configs.forDocument(uri)]);
    const config = mergeConfig(settingsToConfig(settings), folder.config);
    if (config.kustomize?.render === false || !settings.enable) return this.replace(id, new Map());
    const name = overlayName(overlay);
    // The program comes from the user's (machine-scoped) setting; the workspace file may only name a fixed form.
    const command = settings.kustomize?.command ?? workspaceKustomizeCommand(folder.config?.kustomize?.command);
    const result = await renderKustomization(kustomizationDir(overlay), { command, timeout: config.kustomize?.timeout, signal: controller.signal });
    if (controller.signal.aborted) return;
    this.running.delete(id);
    if (!result.ok) {
      this.ctx.info(`Overlay ${name}: not rendered after ${result.ms} ms (${result.message}).`);
      if (result.reason === 'missing') this.replace(id, new Map([[id, [this.missing(id, overlay)]]]));
      return;
    }
    const parsed = new Map<string, ParsedFile | undefined>();
    const sourceOf = (file: string) => {
      if (!parsed.has(file)) parsed.set(file, this.read(file));
      return parsed.get(file);
    };
    const plainCache = new Map<string, ReturnType<MapRequest['plain']>>();
    const plain = (file: string) => {
      const file_ = sourceOf(file);
      if (!file_) return [];
      const hit = plainCache.get(file);
      if (hit) return hit;
      const found = lint(file_, { config, rules, workspace: this.ctx.model.view(file) }).findings.map((f) => ({ ruleId: f.ruleId, line: file_.lines.position(f.offset).line, resource: f.resource }));
      plainCache.set(file, found);
      return found;
    };
    const started = performance.now();
    const mapped = checkRendering({ text: result.text, originBase: result.originBase, overlay, tree, source: sourceOf, plain, options: { config, rules } });
    const files = new Map<string, Diagnostic[]>();
    const fixes: PendingLayoutFix[] = [];
    for (const m of mapped) {
      const lines = sourceOf(m.file)!.lines;
      const diagnostic = findingToDiagnostic(lines, { ...m.finding, offset: m.offset, length: m.length });
      files.set(m.file, [...(files.get(m.file) ?? []), diagnostic]);
      if (m.fixing) fixes.push({ key: m.file, diagnostic, mapped: { ...m, fixing: m.fixing }, overlay });
    }
    this.ctx.info(`Overlay ${name}: rendered with ${result.command} in ${result.ms} ms, checked and mapped in ${Math.round(performance.now() - started)} ms: ${mapped.length} finding(s).`);
    this.replace(id, files, fixes);
  }

  private missing(id: string, overlay: KustomizationFact): Diagnostic {
    const lines = this.read(id)?.lines ?? new LineIndex('');
    return {
      range: toRange(lines, overlay.at.offset, 0),
      severity: DiagnosticSeverity.Information,
      code: noKustomizeCode,
      source,
      message: `Overlay ${overlayName(overlay)} is checked file by file only: install kubectl (or kustomize), or set kubeHarden.kustomize.command, to check what it renders.`,
    };
  }

  /** A file as the editor has it, else as the disk has it. */
  private read(key: string): ParsedFile | undefined {
    let text = this.ctx.openText(key);
    if (text === undefined) {
      try {
        text = readFileSync(key, 'utf8');
      } catch {
        return undefined;
      }
    }
    return parseManifest(text);
  }

  private replace(id: string, files: Map<string, Diagnostic[]>, fixes: PendingLayoutFix[] = []): void {
    this.fixes.set(id, fixes);
    const before = this.byOverlay.get(id);
    if ((!before || before.size === 0) && files.size === 0) return;
    this.byOverlay.set(id, files);
    this.generation++;
    this.changed();
  }
}
