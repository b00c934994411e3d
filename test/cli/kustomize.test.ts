// `kube-harden check .` on a Kustomize layout: the base is checked as it is, a patch only for the
// values it sets (the privileged one is reported on its line, the benign ones get nothing), and
// kustomization files and JSON 6902 patches get nothing at all.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, runJson, tempWorkspace } from './helpers';
import { kustomizeFiles, privilegedLine, privilegedPatch } from '../helpers/kustomize-fixture';
import { kubectlMissing } from '../helpers/kubectl';

/**
 * The runtime and images rules (which flag the base's unset resources and writable root file system) are
 * left out of the comparisons: these tests are about which Kustomize files are checked and how, with the
 * Pod Security findings, as test/unit/kustomize-map-rendered.test.ts does.
 */
const withoutRuntime = <T extends { category: string }>(findings: T[]): T[] => findings.filter((f) => f.category !== 'runtime' && f.category !== 'images');

describe('Kustomize layouts in the CLI', () => {
  before(buildOnce);
  after(cleanTemps);

  test('only the privileged patch is reported, on the line that sets it', () => {
    const cwd = tempWorkspace(kustomizeFiles);
    const run = runJson(['.'], { cwd });
    assert.deepEqual(
      withoutRuntime(run.json.findings).map((f) => [f.file, f.ruleId, f.line]),
      [[privilegedPatch, 'privileged-container', privilegedLine]],
    );
    assert.equal(run.code, 1);
  });

  test('the overlay alone is the workspace it sees: its patches are partial without the base', () => {
    const cwd = tempWorkspace(kustomizeFiles);
    const run = runJson(['overlays'], { cwd });
    assert.deepEqual(
      withoutRuntime(run.json.findings).map((f) => [f.file, f.ruleId]),
      [[privilegedPatch, 'privileged-container']],
    );
  });

  test('a patch given without its kustomization is a manifest like any other', () => {
    const cwd = tempWorkspace(kustomizeFiles);
    const run = runJson(['overlays/prod/replicas.yaml'], { cwd });
    assert.ok(run.json.findings.some((f) => f.ruleId === 'run-as-non-root'));
  });

  test('a file named Kustomization (no extension) is found in folders and read', () => {
    const files = { ...kustomizeFiles };
    files['overlays/prod/Kustomization'] = files['overlays/prod/kustomization.yaml'];
    delete files['overlays/prod/kustomization.yaml'];
    const cwd = tempWorkspace(files);
    const run = runJson(['.'], { cwd });
    assert.deepEqual(
      withoutRuntime(run.json.findings).map((f) => [f.file, f.ruleId]),
      [[privilegedPatch, 'privileged-container']],
    );
  });

  test(
    'the fixture is a layout Kustomize builds, and its rendering holds the privileged container the patch is reported for',
    { skip: kubectlMissing('the fixture is not rendered with kubectl kustomize') },
    () => {
      const cwd = tempWorkspace(kustomizeFiles);
      const rendered = spawnSync('kubectl', ['kustomize', 'overlays/prod'], { cwd, encoding: 'utf8', timeout: 60_000 });
      assert.equal(rendered.status, 0, rendered.stderr);
      assert.match(rendered.stdout, /name: prod-web-v1/);
      const run = runJson(['-'], { cwd, input: rendered.stdout });
      assert.deepEqual(
        withoutRuntime(run.json.findings).map((f) => f.ruleId),
        ['privileged-container'],
      );
    },
  );
});
