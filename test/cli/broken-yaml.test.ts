// The CLI on a manifest with a syntax error: the error is reported where it is, the findings the
// broken line cannot change are still reported, and `yaml-syntax` is configured like a rule.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, runCli, runJson, tempWorkspace } from './helpers';

// A key being typed (no colon yet) in the container that is privileged.
const typing = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        securityContext: {privileged: true}
        resources
`;

describe('check on a document with a syntax error', () => {
  before(buildOnce);
  after(cleanTemps);

  test('the privileged finding stays beside the syntax error, and no missing field of that container is claimed', () => {
    const cwd = tempWorkspace({ 'x.yaml': typing });
    const run = runCli(['check', 'x.yaml'], { cwd });
    assert.equal(run.code, 1);
    const lines = run.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, 2), [
      'x.yaml:15:39: error privileged-container container "app" is privileged [Deployment/web]',
      'x.yaml:16:9: error yaml-syntax A key needs a colon and a value (key: value)',
    ]);
    assert.ok(!run.stdout.includes('No findings'), run.stdout);
    assert.ok(!/run-as-non-root|seccomp|capabilities|allowPrivilegeEscalation/.test(run.stdout), run.stdout);
  });

  test('JSON has the finding and one error', () => {
    const cwd = tempWorkspace({ 'x.yaml': typing });
    const { json } = runJson(['x.yaml'], { cwd });
    assert.deepEqual(
      json.findings.map((f) => [f.ruleId, f.line, f.column]),
      [['privileged-container', 15, 39]],
    );
    assert.deepEqual(json.errors, [{ file: 'x.yaml', message: 'line 16, column 9: A key needs a colon and a value (key: value)' }]);
  });

  test('yaml-syntax: warning in .kube-harden.yaml changes the label; off removes the error but not the finding', () => {
    const cwd = tempWorkspace({ 'x.yaml': typing, '.kube-harden.yaml': 'rules:\n  yaml-syntax: warning\n' });
    assert.match(runCli(['check', 'x.yaml'], { cwd }).stdout, /x\.yaml:16:9: warning yaml-syntax /);
    const off = tempWorkspace({ 'x.yaml': typing, '.kube-harden.yaml': 'rules:\n  yaml-syntax: off\n' });
    const run = runCli(['check', 'x.yaml'], { cwd: off });
    assert.ok(!run.stdout.includes('yaml-syntax'), run.stdout);
    assert.match(run.stdout, /privileged-container/);
  });

  test('--fix leaves a file with a syntax error unchanged', () => {
    const cwd = tempWorkspace({ 'x.yaml': typing });
    const run = runCli(['check', '--fix', 'x.yaml'], { cwd });
    assert.match(run.stderr, /not fixed because it has YAML syntax errors/);
    assert.equal(readFileSync(join(cwd, 'x.yaml'), 'utf8'), typing);
  });
});
