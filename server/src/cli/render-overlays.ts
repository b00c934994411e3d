// The rendered check of the CLI: each Kustomize overlay among the checked paths is rendered with the
// user's `kubectl kustomize` or `kustomize build`, as many at once as the machine has processors (the
// renders are separate processes; a tree of 500 overlays took three minutes one after the other), and
// the findings of its rendering are reported on the patch or base file that causes them. Without a
// Kustomize binary, one note says how to get the rendered check; the plain check stands as it is.

import { availableParallelism } from 'node:os';
import { Config, failureReason, Finding, LintOptions, ParsedFile, WorkspaceModel } from '../engine';
import { renderKustomization, RenderResult, workspaceKustomizeCommand } from '../io';
import { positionOf } from './run-check';
import { checkRendering, filesOfTree, kustomizationDir, KustomizationFact, kustomizations, overlayName, overlaysOf, overlayTree } from '../../../rules';

export interface PlainFinding {
  ruleId: string;
  line: number;
  resource: { kind: string; name: string };
}

export interface RenderedReport {
  file: string;
  offset: number;
  length: number;
  overlay: string;
  finding: Finding;
}

/** The overlays of the model and every file their renderings can map to (kept parsed by the caller). */
export function overlayPlan(model: WorkspaceModel): { overlays: Array<{ overlay: KustomizationFact; tree: KustomizationFact[] }>; files: Set<string> } {
  const facts = model.view('').facts(kustomizations) as readonly KustomizationFact[];
  const overlays = overlaysOf(facts)
    .filter((o) => o.at.file.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(o.at.file))
    .map((overlay) => ({ overlay, tree: overlayTree(overlay, facts) }));
  const files = new Set<string>();
  for (const { tree } of overlays) for (const f of filesOfTree(tree)) files.add(f);
  return { overlays, files };
}

export interface RenderRequest {
  plan: ReturnType<typeof overlayPlan>;
  config: Config;
  options: LintOptions;
  command?: string;
  source(file: string): ParsedFile | undefined;
  plain(file: string): readonly PlainFinding[];
  notes: string[];
  /** How a file key is shown in the report. */
  display(file: string): string;
}

export async function renderOverlays(request: RenderRequest): Promise<RenderedReport[]> {
  const out: RenderedReport[] = [];
  // A path or another program comes from the flag only: the checked tree's own config may name a fixed form.
  const command = request.command ?? workspaceKustomizeCommand(request.config.kustomize?.command);
  const render = (overlay: KustomizationFact): Promise<RenderResult> =>
    renderKustomization(kustomizationDir(overlay), { command, timeout: request.config.kustomize?.timeout }).catch((error: unknown) => ({
      ok: false as const,
      reason: 'failed' as const,
      message: failureReason(error),
      ms: 0,
    }));
  const renders = inOrder(request.plan.overlays, Math.max(1, availableParallelism()), ({ overlay }) => render(overlay));
  for await (const [{ overlay, tree }, result] of renders) {
    const shown = request.display(overlay.at.file);
    if (!result.ok) {
      if (result.reason === 'missing') {
        request.notes.push(`Kustomize overlays are checked as files only: ${result.message}. Install kubectl (or kustomize) to check what each overlay renders, or pass --no-render.`);
        return out;
      }
      request.notes.push(`${shown}: overlay not rendered (${result.message}).`);
      continue;
    }
    const mapped = checkRendering({ text: result.text, originBase: result.originBase, overlay, tree, source: request.source, plain: request.plain, options: request.options });
    for (const m of mapped) out.push({ file: m.file, offset: m.offset, length: m.length, overlay: overlayName(overlay), finding: m.finding });
  }
  return out;
}

/**
 * Runs `task` on each item, at most `limit` at once, and yields the results in the items' order:
 * the caller maps one overlay's rendering while the next ones render.
 */
async function* inOrder<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): AsyncGenerator<[T, R]> {
  const running: Array<Promise<[T, R]>> = [];
  let next = 0;
  const fill = () => {
    for (; next < items.length && running.length < limit; next++) {
      const item = items[next];
      running.push(task(item).then((result): [T, R] => [item, result]));
    }
  };
  fill();
  while (running.length > 0) {
    const done = await running.shift()!;
    fill();
    yield done;
  }
}

/**
 * The bookkeeping of the rendered check during a CLI run: the plain check records each file (kept
 * parsed when an overlay's rendering can map to it), then `report` renders and maps. Undefined when
 * rendering is off (flag, config, standard input) or the paths hold no overlay.
 */
export function renderedCheck(model: WorkspaceModel, request: { paths: readonly string[]; config: Config; render?: { enabled: boolean; command?: string } }) {
  if (!(request.render?.enabled ?? request.config.kustomize?.render ?? true) || request.paths.includes('-')) return undefined;
  const plan = overlayPlan(model);
  if (plan.overlays.length === 0) return undefined;
  const kept = new Map<string, ParsedFile>();
  const plain = new Map<string, PlainFinding[]>();
  const shown = new Map<string, string>();
  return {
    record(key: string, display: string, file: ParsedFile, findings: readonly Finding[]): void {
      shown.set(key, display);
      if (plan.files.has(key)) kept.set(key, file);
      plain.set(
        key,
        findings.map((f) => ({ ruleId: f.ruleId, line: file.lines.position(f.offset).line, resource: f.resource })),
      );
    },
    async report(options: LintOptions, notes: string[]) {
      const display = (file: string) => shown.get(file) ?? file;
      const mapped = await renderOverlays({ plan, config: request.config, options, command: request.render?.command, source: (f) => kept.get(f), plain: (f) => plain.get(f) ?? [], notes, display });
      return mapped.flatMap((m) => {
        const file = kept.get(m.file);
        return file ? [{ file: display(m.file), finding: m.finding, overlay: m.overlay, ...positionOf(file.lines, m.offset, m.length) }] : [];
      });
    },
  };
}
