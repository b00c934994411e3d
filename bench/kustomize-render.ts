// Benchmark section: the rendered check of a Kustomize overlay — `kubectl kustomize` on a temporary
// kustomization with origin annotations, then the check of the rendering and the mapping of its
// findings back to the patch and base files — on the test layout's `prod` overlay and on an overlay
// of a base with 200 Deployments (each a finding to map). Skipped with a note without kubectl.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractText, lint, mergeConfig, parseManifest, ParsedFile, WorkspaceModel } from '../server/src/engine';
import { renderKustomization } from '../server/src/io/kustomize-render';
import { checkRendering, KustomizationFact, kustomizations, overlayTree, rules, workspaceExtractors } from '../rules';
import { overlayFiles } from '../test/helpers/kustomize-overlays';
import { median, ms } from './stats';

function large(count: number): Record<string, string> {
  const out: Record<string, string> = { ...overlayFiles };
  const base = overlayFiles['base/deployment.yaml'];
  const names = Array.from({ length: count }, (_, i) => `deployment-${i}.yaml`);
  for (const [i, name] of names.entries()) out[`base/${name}`] = base.replace(/\bweb\b/g, `web-${i}`).replace('runAsNonRoot: true', 'runAsNonRoot: false');
  out['base/kustomization.yaml'] = `resources:\n${['deployment.yaml', 'network-policy.yaml', ...names].map((n) => `  - ${n}\n`).join('')}`;
  return out;
}

async function measure(label: string, files: Record<string, string>, runs: number): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kube-harden-bench-render-'));
  try {
    const model = new WorkspaceModel(workspaceExtractors());
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
      model.set(extractText(join(root, file), text, model.extractorList));
    }
    const facts = model.view('').facts(kustomizations) as readonly KustomizationFact[];
    const overlay = facts.find((f) => f.at.file === join(root, 'overlays/prod/kustomization.yaml'))!;
    const tree = overlayTree(overlay, facts);
    const config = mergeConfig({});
    const renders: number[] = [];
    const maps: number[] = [];
    let found = 0;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      const result = await renderKustomization(join(root, 'overlays/prod'), { command: 'kubectl kustomize' });
      renders.push(performance.now() - started);
      if (!result.ok) throw new Error(result.message);
      const mapStarted = performance.now();
      // As the CLI does: each file parsed once, its plain findings computed once.
      const parsed = new Map<string, ParsedFile>();
      const source = (file: string) => {
        const rel = file.slice(root.length + 1);
        if (!file.startsWith(root) || !(rel in files)) return undefined;
        let p = parsed.get(file);
        if (!p) parsed.set(file, (p = parseManifest(files[rel])));
        return p;
      };
      const plainCache = new Map<string, ReturnType<typeof plainOf>>();
      const plainOf = (file: string) => {
        const p = source(file);
        if (!p) return [];
        return lint(p, { config, rules, workspace: model.view(file) }).findings.map((f) => ({ ruleId: f.ruleId, line: p.lines.position(f.offset).line, resource: f.resource }));
      };
      const plain = (file: string) => plainCache.get(file) ?? plainCache.set(file, plainOf(file)).get(file)!;
      found = checkRendering({ text: result.text, originBase: result.originBase, overlay, tree, source, plain, options: { config, rules } }).length;
      maps.push(performance.now() - mapStarted);
    }
    console.log(`- ${label}: render ${ms(median(renders))}, check and map ${ms(median(maps))} (${found} finding(s) mapped), median of ${runs}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function kustomizeRenderBench(runs: number): Promise<void> {
  console.log('\nKustomize rendered check (kubectl kustomize + check + map):');
  if (spawnSync('kubectl', ['version', '--client']).status !== 0) {
    console.log('- skipped: kubectl is not on the PATH');
    return;
  }
  await measure('overlay prod of the test layout (2 resources)', overlayFiles, Math.max(5, Math.min(runs, 10)));
  await measure('overlay prod of a base with 200 Deployments', large(200), 5);
}
