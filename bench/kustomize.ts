// Benchmark section: Kustomize in the workspace model. A tree of bases and overlays (each overlay
// with three patches) read into the model as the CLI's first pass and the server's scan do; the
// update after an edit of one kustomization that drops a patch and lists it again (every such edit
// moves a file in or out of the model's indexes); the rules on one patch; and `kube-harden check`
// on the whole tree.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractText, lint, mergeConfig, parseManifest, WorkspaceModel } from '../server/src/engine';
import { rules, workspaceExtractors } from '../rules';
import { kustomizeFiles } from '../test/helpers/kustomize-fixture';
import { median, ms } from './stats';

/** `count` copies of the test fixture's layout (base, component, overlay with every kind of patch), side by side. */
function tree(count: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) for (const [path, text] of Object.entries(kustomizeFiles)) out[`/bench/app-${i}/${path}`] = text.replace(/\bweb\b/g, `web-${i}`);
  return out;
}

function fill(files: Record<string, string>): WorkspaceModel {
  const model = new WorkspaceModel(workspaceExtractors());
  for (const [file, text] of Object.entries(files)) model.set(extractText(file, text, model.extractorList));
  return model;
}

export function kustomizeBench(root: string, runs: number): void {
  const count = 500;
  const files = tree(count);
  const builds: number[] = [];
  let model = fill(files);
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    model = fill(files);
    builds.push(performance.now() - started);
  }
  console.log(`Kustomize: ${Object.keys(files).length} files (${count} overlays, ${count * 4} patches) into the workspace model: ${ms(median(builds))} median.`);

  const overlay = '/bench/app-7/overlays/prod/kustomization.yaml';
  const listed = files[overlay];
  const dropped = listed.replace('  - path: replicas.yaml\n', '');
  const edits: number[] = [];
  for (let r = 0; r < Math.max(50, runs); r++) {
    const started = performance.now();
    const change = model.set(extractText(overlay, r % 2 === 0 ? dropped : listed, model.extractorList));
    edits.push(performance.now() - started);
    if (!change?.files.has('/bench/app-7/overlays/prod/replicas.yaml')) throw new Error('the edit did not change the patch role');
  }
  console.log(`Kustomize: an edit of one kustomization that drops or lists a patch (the model update): ${ms(median(edits))} median.`);

  const patch = '/bench/app-7/overlays/prod/privileged.yaml';
  const parsed = parseManifest(files[patch]);
  const config = mergeConfig({});
  const lints: number[] = [];
  for (let r = 0; r < Math.max(50, runs); r++) {
    const started = performance.now();
    lint(parsed, { config, rules, workspace: model.view(patch) });
    lints.push(performance.now() - started);
  }
  console.log(`Kustomize: every rule on one patch in that workspace: ${ms(median(lints))} median.`);

  const dir = mkdtempSync(join(tmpdir(), 'kube-harden-bench-kustomize-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      const path = join(dir, file.slice('/bench/'.length));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wall = performance.now() - started;
    const findings = (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
    console.log(`Kustomize: kube-harden check on that tree: ${ms(wall)} wall, ${findings} findings (one per privileged patch: ${count}).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
