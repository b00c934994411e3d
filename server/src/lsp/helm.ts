// Helm charts in the editor: a chart (a folder with `Chart.yaml`) is rendered with the user's `helm
// template` when one of its files is opened (first time) or saved — never on a keystroke —, in the
// background, a newer render cancelling the older; the rendering is checked and each finding is
// published on the template or values file the user edits. Without helm, one note on `Chart.yaml`.

import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { check, Finding, LineIndex, mergeConfig, ParsedFile } from '../engine';
import { helmDefaults, HelmOutcome, renderChart } from '../io';
import { docsUrl, mapChartFindings, rules, ValuesFix, valuesFix } from '../../../rules';
import { ServerContext } from './context';
import { source, toRange, toSeverity, toTextEdits } from './convert';
import { settingsToConfig } from './settings';

interface ChartState {
  controller?: AbortController;
  /** Diagnostics of the last finished render, by file key. */
  byFile: Map<string, Diagnostic[]>;
  /** What a quick fix of each of them needs, computed when the client asks. */
  fixes: PendingFix[];
  rendered: boolean;
}

interface PendingFix {
  chart: string;
  key: string;
  diagnostic: Diagnostic;
  finding: Finding;
  rendering: ParsedFile;
  template: string;
  /** The values files as they were read for the render, keyed by their path. */
  values: Array<{ path: string; text: string }>;
  fix?: ValuesFix | null;
}

const maxRenderingSize = 3 * 1024 * 1024;

/** Files whose change can change a chart's rendering. */
const chartFile = /(?:^|[\\/])(?:Chart\.yaml|values[^\\/]*\.ya?ml|templates[\\/].+\.(?:ya?ml|tpl|txt))$/;

/**
 * Rules about the whole workspace (network isolation) need the workspace model, which a rendering is
 * not part of. The schema rules read it only for CRDs: on a rendering they see the rendering's own.
 */
const renderedRules = rules.filter((r) => r.meta.scope !== 'workspace' || r.meta.category === 'schema');

export const helmMissingMessage = 'Helm chart not checked as rendered: helm was not found. Install helm, or set kubeHarden.helm.command to its path, and save a chart file.';

export class HelmCharts {
  private readonly charts = new Map<string, ChartState>();
  /** Incremented whenever a render's results change, so snapshots computed before are not reused. */
  generation = 0;

  constructor(
    private readonly ctx: ServerContext,
    private readonly changed: () => void,
  ) {}

  /** A file was opened (`saved` false) or saved: its chart is rendered in the background. */
  touched(uri: string, saved: boolean): void {
    const key = this.ctx.paths.keyOf(uri);
    if (key === uri || !chartFile.test(key)) return;
    void this.chartOf(key)
      .then((chart) => {
        if (!chart) return;
        // Opening another file of a chart rendered (or rendering) changes nothing on disk.
        const state = this.charts.get(chart);
        if (!saved && (state?.rendered || state?.controller)) return;
        return this.render(chart);
      })
      .catch((error) => this.failed(error));
  }

  /** The settings changed (another helm, other values files): every chart seen so far is rendered again. */
  settingsChanged(): void {
    for (const chart of this.charts.keys()) void this.render(chart).catch((error) => this.failed(error));
  }

  private failed(error: unknown): void {
    // The name only: a message could quote the rendering.
    this.ctx.log(`Helm: checking a chart's rendering failed (${error instanceof Error ? error.name : 'error'}).`);
  }

  /** The diagnostics of the last render on this file key. */
  diagnosticsFor(key: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const state of this.charts.values()) out.push(...(state.byFile.get(key) ?? []));
    return out;
  }

  /**
   * Quick fixes of the rendered findings on this file in `range`: the rule's fix, set in the values file
   * that feeds what it changes. Offered only while that file is as the render read it.
   */
  codeActions(uri: string, range: Range): CodeAction[] {
    const key = this.ctx.paths.keyOf(uri);
    const out: CodeAction[] = [];
    for (const state of this.charts.values()) {
      for (const pending of state.fixes) {
        if (pending.key !== key || !overlaps(pending.diagnostic.range, range)) continue;
        if (pending.fix === undefined) pending.fix = valuesFix(pending.rendering, pending.finding, pending.template, { values: pending.values }) ?? null;
        const fix = pending.fix;
        if (!fix) continue;
        const valuesUri = this.ctx.paths.uriOf(fix.file);
        const current = this.ctx.readOtherFile(valuesUri);
        if (current === undefined || current !== pending.values.find((v) => v.path === fix.file)?.text) continue;
        // Named as the chart names it (`values.yaml`, `env/prod.yaml`), not by its absolute path.
        const title = fix.title.slice(0, fix.title.length - fix.file.length) + (this.ctx.paths.relativeTo(pending.chart, fix.file) ?? this.ctx.paths.basename(fix.file));
        out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [pending.diagnostic], isPreferred: true, edit: { changes: { [valuesUri]: toTextEdits(new LineIndex(current), fix.edits) } } });
      }
    }
    return out;
  }

  /** The nearest folder above `key` (a chart file) that holds `Chart.yaml`. */
  private async chartOf(key: string): Promise<string | undefined> {
    const { paths } = this.ctx;
    let dir = paths.dirname(key);
    for (let depth = 0; depth < 8; depth++) {
      if (await this.exists(paths.join(dir, 'Chart.yaml'))) return this.outermost(dir);
      const parent = paths.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
    return undefined;
  }

  /**
   * A subchart (`<chart>/charts/<name>/`) is rendered as part of its parent, with the parent's values:
   * rendered alone as well, its findings would show twice and with values the parent overrides.
   */
  private async outermost(chart: string): Promise<string> {
    const { paths } = this.ctx;
    for (let depth = 0; depth < 4; depth++) {
      const holder = paths.dirname(chart);
      const parent = paths.dirname(holder);
      if (paths.basename(holder) !== 'charts' || parent === holder || !(await this.exists(paths.join(parent, 'Chart.yaml')))) return chart;
      chart = parent;
    }
    return chart;
  }

  private async exists(path: string): Promise<boolean> {
    try {
      return (await this.ctx.env.fs.stat(path)).isFile();
    } catch {
      return false;
    }
  }

  private async render(chart: string): Promise<void> {
    const { ctx } = this;
    const { paths } = ctx;
    let state = this.charts.get(chart);
    if (!state) this.charts.set(chart, (state = { byFile: new Map(), fixes: [], rendered: false }));
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    const chartYaml = paths.join(chart, 'Chart.yaml');
    const chartUri = paths.uriOf(chartYaml);
    const [settings, folder] = await Promise.all([ctx.settings.get(chartUri), ctx.configs.forDocument(chartUri)]);
    if (controller.signal.aborted) return;
    if (!settings.enable) {
      state.controller = undefined;
      if (state.byFile.size > 0) {
        state.byFile = new Map();
        state.fixes = [];
        this.generation++;
        this.changed();
      }
      return;
    }
    const command = settings.helm?.command || 'helm';
    const valuesFiles = (settings.helm?.valuesFiles ?? []).map((f) => (paths.isAbsolute(f) ? f : paths.join(chart, f)));
    // The same size limit as an open document's: checking more would hold the server for seconds.
    const result = await renderChart({ command, chartDir: chart, release: paths.basename(chart), valuesFiles, signal: controller.signal, timeout: helmDefaults.timeout, maxBytes: maxRenderingSize });
    if (result.outcome === 'cancelled' || controller.signal.aborted) return;
    state.controller = undefined;
    state.rendered = true;
    const byFile = new Map<string, Diagnostic[]>();
    const fixes: PendingFix[] = [];
    if (result.outcome === 'rendered') {
      const started = performance.now();
      const config = mergeConfig(settingsToConfig(settings), folder.config);
      const checked = check(result.stdout, { config, rules: renderedRules });
      const texts = new Map<string, string | undefined>();
      const read = (key: string) => {
        if (!texts.has(key)) texts.set(key, ctx.readOtherFile(paths.uriOf(key)));
        return texts.get(key);
      };
      const values: Array<{ path: string; text: string }> = [];
      for (const path of [paths.join(chart, 'values.yaml'), ...valuesFiles]) {
        const text = read(path);
        if (text !== undefined) values.push({ path, text });
      }
      const mapped = mapChartFindings(checked.file, checked.findings, { template: (p) => read(paths.join(chart, ...p.split('/'))), values });
      const seen = new Set<string>();
      for (const { finding, at, template: templatePath } of mapped) {
        const key = at.kind === 'values' ? at.file : paths.join(chart, ...at.file.split('/'));
        const text = read(key);
        if (text === undefined) continue;
        const diagnostic = toDiagnostic(new LineIndex(text), finding, at.offset, at.length);
        // A template rendered several times (a `range`) repeats its findings at one place.
        const id = `${key}|${diagnostic.code}|${at.offset}|${diagnostic.message}`;
        if (seen.has(id)) continue;
        seen.add(id);
        byFile.set(key, [...(byFile.get(key) ?? []), diagnostic]);
        const template = read(paths.join(chart, ...templatePath.split('/')));
        if (finding.fix && template !== undefined) fixes.push({ chart, key, diagnostic, finding, rendering: checked.file, template, values });
      }
      ctx.info(`Helm: rendered ${chart} in ${result.ms} ms, checked and mapped in ${Math.round(performance.now() - started)} ms: ${seen.size} findings.`);
    } else {
      ctx.info(`Helm: ${chart} not rendered (${describe(result.outcome, result.code)}) after ${result.ms} ms.`);
      const text = ctx.readOtherFile(chartUri);
      if (text !== undefined) byFile.set(chartYaml, [note(text, result.outcome, result.code)]);
    }
    state.byFile = byFile;
    state.fixes = fixes;
    this.generation++;
    this.changed();
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function describe(outcome: HelmOutcome, code: number | undefined): string {
  switch (outcome) {
    case 'missing':
      return 'helm not found';
    case 'timeout':
      return 'timed out';
    case 'too-large':
      return 'rendering too large';
    default:
      return code === undefined ? 'helm template failed' : `helm template exited with code ${code}`;
  }
}

/** One note on the chart's first line; never helm's own words, which can quote values. */
function note(text: string, outcome: HelmOutcome, code: number | undefined): Diagnostic {
  const lines = new LineIndex(text);
  const end = text.indexOf('\n');
  const message = outcome === 'missing' ? helmMissingMessage : `Helm chart not checked as rendered: ${describe(outcome, code)}. Run helm template on it in a terminal to see why.`;
  return { range: toRange(lines, 0, end < 0 ? text.length : end), severity: DiagnosticSeverity.Information, code: 'helm-not-rendered', source, message };
}

function toDiagnostic(lines: LineIndex, finding: Finding, offset: number, length: number): Diagnostic {
  return {
    range: toRange(lines, offset, length),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source,
    message: `${finding.message} (in the rendered chart)`,
  };
}
