// Oversized input is refused before it is parsed: standard input is counted as it streams, and a
// file with too many YAML documents is skipped with a note instead of taking gigabytes.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, privilegedPod, runCli, runJson, tempWorkspace } from './helpers';

before(() => buildOnce());
after(() => cleanTemps());

describe('input limits', () => {
  test('12 MB on standard input: not checked, with the reason, and the findings of other inputs still reported', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod });
    const input = '# ' + 'x'.repeat(12 * 1024 * 1024) + '\n' + privilegedPod;
    const run = runCli(['check', '-', 'pod.yaml'], { cwd, input });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^<stdin>: note File not checked: it is larger than 10 MB\.$/m);
    assert.match(run.stdout, /^pod\.yaml:10:19: error privileged-container/m);
    assert.doesNotMatch(run.stdout, /^<stdin>:\d+/m);
  });

  test('12 MB on standard input alone, as JSON: exit 0 (skipped, as for a path), the reason on stderr', () => {
    const run = runJson(['-'], { cwd: tempWorkspace({}), input: 'a: ' + 'x'.repeat(12 * 1024 * 1024) + '\n' });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.json, { findings: [], errors: [] });
    assert.equal(run.stderr, 'kube-harden: <stdin>: File not checked: it is larger than 10 MB.\n');
  });

  test('more than 10,000 YAML documents: not checked, with the reason', () => {
    const pods = Array.from({ length: 10_001 }, (_, i) => `{apiVersion: v1, kind: Pod, metadata: {name: p${i}}, spec: {containers: [{name: c, image: i}]}}`);
    const cwd = tempWorkspace({ 'many.yaml': pods.join('\n---\n') + '\n' });
    for (const input of [undefined, pods.join('\n---\n')]) {
      const run = runCli(['check', input === undefined ? 'many.yaml' : '-'], { cwd, input });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /note File not checked: it has more than 10,000 YAML documents\.$/m);
    }
  });
});
