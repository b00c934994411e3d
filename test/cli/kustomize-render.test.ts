// `kube-harden check .` renders each Kustomize overlay with the real `kubectl kustomize` (skipped with
// a reason without kubectl) and reports what the rendering adds on the file that causes it, labelled
// with the overlay; `--no-render`, the config key and a missing binary (one note) turn it off.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, runCli, runJson, tempWorkspace } from './helpers';
import { overlayFiles, prodLines } from '../helpers/kustomize-overlays';
import { kustomizeFiles, privilegedLine, privilegedPatch } from '../helpers/kustomize-fixture';
import { kubectlMissing } from '../helpers/kubectl';

const noKubectl = kubectlMissing('overlays are not rendered');

/**
 * The runtime and images rules (which flag the fixtures' unset resources and writable root file systems)
 * are left out of the comparisons: these tests are about rendering overlays and mapping what the rendering
 * adds back to its files, with the Pod Security findings, as test/helpers/overlay-fix.ts does.
 */
const withoutRuntime = <T extends { category: string }>(findings: T[]): T[] => findings.filter((f) => f.category !== 'runtime' && f.category !== 'images');

const removed = ['overlays/prod/remove-non-root.yaml', 'run-as-non-root', prodLines.removeOp];
const privileged = ['overlays/prod/privileged.yaml', 'privileged-container', prodLines.privileged];

describe('rendered Kustomize overlays in the CLI', () => {
  before(buildOnce);
  after(cleanTemps);

  test('the JSON 6902 removal is reported on its operation, labelled with the overlay; the patch finding once', { skip: noKubectl }, () => {
    const cwd = tempWorkspace(overlayFiles);
    const run = runJson(['.'], { cwd });
    const findings = withoutRuntime(run.json.findings);
    const rows = findings.map((f) => [f.file, f.ruleId, f.line]);
    assert.deepEqual(rows, [privileged, removed]);
    const mapped = findings[1] as (typeof run.json.findings)[number] & { overlay?: string };
    assert.equal(mapped.overlay, 'prod');
    assert.match(mapped.message, /\(in overlay prod\)$/);
    assert.equal(run.code, 1);
  });

  test('overlays render several at once, and each one is reported as alone, in the same order every time', { skip: noKubectl }, () => {
    // Seven copies of the prod overlay: more than a processor each, so renders wait for each other.
    const files: Record<string, string> = { ...overlayFiles };
    for (const [path, text] of Object.entries(overlayFiles)) {
      if (path.startsWith('overlays/prod/')) for (let i = 1; i <= 6; i++) files[path.replace('overlays/prod/', `overlays/prod${i}/`)] = text;
    }
    const cwd = tempWorkspace(files);
    const first = runJson(['.'], { cwd });
    const rows = (run: typeof first) => withoutRuntime(run.json.findings).map((f) => [f.file, f.ruleId, f.line, (f as { overlay?: string }).overlay ?? '']);
    const removals = rows(first).filter(([file]) => String(file).endsWith('remove-non-root.yaml'));
    assert.deepEqual(
      removals.map(([file, , , overlay]) => `${overlay}: ${file}`).sort(),
      ['prod', ...Array.from({ length: 6 }, (_, i) => `prod${i + 1}`)].map((o) => `${o}: overlays/${o}/remove-non-root.yaml`).sort(),
    );
    assert.deepEqual(rows(runJson(['.'], { cwd })), rows(first));
  });

  test('text output names the overlay on the line of the operation', { skip: noKubectl }, () => {
    const cwd = tempWorkspace(overlayFiles);
    const run = runCli(['check', '.'], { cwd });
    assert.match(run.stdout, new RegExp(`overlays/prod/remove-non-root.yaml:${prodLines.removeOp}:\\d+: .*run-as-non-root.*\\(in overlay prod\\)`));
  });

  test('the layout of the issue (components, prefixes, every kind of patch) gets nothing new', { skip: noKubectl }, () => {
    const cwd = tempWorkspace(kustomizeFiles);
    const run = runJson(['.'], { cwd });
    assert.deepEqual(
      withoutRuntime(run.json.findings).map((f) => [f.file, f.ruleId, f.line]),
      [[privilegedPatch, 'privileged-container', privilegedLine]],
    );
  });

  test('--no-render and the config key check the files only', () => {
    const cwd = tempWorkspace(overlayFiles);
    assert.deepEqual(
      withoutRuntime(runJson(['--no-render', '.'], { cwd }).json.findings).map((f) => [f.file, f.ruleId, f.line]),
      [privileged],
    );
    const configured = tempWorkspace({ ...overlayFiles, '.kube-harden.yaml': 'kustomize:\n  render: false\n' });
    assert.deepEqual(
      withoutRuntime(runJson(['.'], { cwd: configured }).json.findings).map((f) => [f.file, f.ruleId, f.line]),
      [privileged],
    );
  });

  test('without a Kustomize binary: the plain check, and one note saying how to get the rendered check', () => {
    const cwd = tempWorkspace(overlayFiles);
    const emptyPath = mkdtempSync(`${tmpdir()}/kube-harden-empty-path-`);
    const run = runCli(['check', '--format', 'json', '.'], { cwd, env: { PATH: emptyPath } });
    const json = JSON.parse(run.stdout) as { findings: Array<{ file: string; ruleId: string; line: number; category: string }> };
    assert.deepEqual(
      withoutRuntime(json.findings).map((f) => [f.file, f.ruleId, f.line]),
      [privileged],
    );
    const notes = run.stderr.split('\n').filter((l) => /Install kubectl/.test(l));
    assert.equal(notes.length, 1, run.stderr);
  });

  test('--kustomize-command picks the binary; one that does not exist gets the note', () => {
    const cwd = tempWorkspace(overlayFiles);
    const run = runCli(['check', '--kustomize-command', 'kube-harden-no-such-kustomize build', '.'], { cwd });
    assert.match(run.stderr, /kube-harden-no-such-kustomize build not found on the PATH/);
  });
});
