// `--format github`: GitHub Actions workflow annotations through the real CLI bundle, and the
// runner's escaping rules on messages and properties; peer suppression as the CLI reads its config.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rules } from '../../rules';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/format-github';
import { CheckResult } from '../../server/src/cli/run-check';
import { buildOnce, cleanTemps, privilegedPod, runCli, tempWorkspace, yaml } from './helpers';

/**
 * The network rules (which flag every workload that no NetworkPolicy isolates) are switched off in these
 * workspaces, and so are the runtime and images rules (unpinned images, unset resources): these tests are
 * about the annotation format, on the Pod Security findings of the privileged pod.
 */
const othersOff = rules.filter((r) => r.meta.category === 'runtime' || r.meta.category === 'images').map((r) => `  ${r.id}: "off"`);
const networkOff = { '.kube-harden.yaml': yaml('rules:', '  network-ingress-isolation: "off"', '  network-namespace-default-deny: "off"', ...othersOff) };

before(() => buildOnce());
after(() => cleanTemps());

describe('--format github', () => {
  test('one workflow command per finding, by severity, with the region and the rule as title', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod, ...networkOff });
    const run = runCli(['check', '--format', 'github', 'pod.yaml'], { cwd });
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 5, run.stdout);
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=pod\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::\S/);
    assert.match(run.stdout, /^::error file=pod\.yaml,line=10,col=19,endLine=10,endColumn=\d+,title=privileged-container::container "app" is privileged \[Pod\/web\]$/m);
    assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, 4);
  });

  test('a syntax error is one annotation on its position, titled yaml-syntax', () => {
    const cwd = tempWorkspace({ 'broken.yaml': 'a: [\n', ...networkOff });
    const run = runCli(['check', '--format', 'github', 'broken.yaml'], { cwd });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error file=broken\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=yaml-syntax::\S/);
    assert.equal(run.stdout.trimEnd().split('\n').length, 1);
  });

  test('an unreadable path is an error annotation on the file, exit 2', () => {
    const cwd = tempWorkspace({ ...networkOff });
    const run = runCli(['check', '--format', 'github', 'missing.yaml'], { cwd });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /^::error file=missing\.yaml::\S/m);
  });
});

describe('peer suppression annotations through the CLI', () => {
  const annotated = privilegedPod.replace(/^metadata:\n/m, 'metadata:\n  annotations:\n    ignore-check.kube-linter.io/privileged-container: reviewed\n');
  test('a kube-linter annotation suppresses privileged-container; peerSuppressions: false in .kube-harden.yaml brings it back', () => {
    assert.notEqual(annotated, privilegedPod);
    const on = runCli(['check', '--format', 'github', 'pod.yaml'], { cwd: tempWorkspace({ 'pod.yaml': annotated, ...networkOff }) });
    assert.doesNotMatch(on.stdout, /title=privileged-container::/);
    assert.match(on.stdout, /^::warning /m);
    const config = { '.kube-harden.yaml': networkOff['.kube-harden.yaml'] + 'peerSuppressions: false\n' };
    const off = runCli(['check', '--format', 'github', 'pod.yaml'], { cwd: tempWorkspace({ 'pod.yaml': annotated, ...config }) });
    assert.equal(off.code, 1, off.stderr);
    assert.match(off.stdout, /title=privileged-container::/);
  });
});

describe('escaping', () => {
  test('data escapes %, CR and LF; properties also : and ,', () => {
    assert.equal(escapeData('100% a:b,c\r\nd'), '100%25 a:b,c%0D%0Ad');
    assert.equal(escapeProperty('C:\\x,y%\n'), 'C%3A\\x%2Cy%25%0A');
  });

  test('a message or path with newlines, colons and commas stays one command with its properties intact', () => {
    const finding = { ruleId: 'some-rule', severity: 'info', message: 'line one\nline two: 50%, done', resource: { kind: 'Pod', name: 'p' } };
    const result = {
      findings: [{ file: 'dir,a/b:c.yaml', line: 1, column: 2, endLine: 3, endColumn: 4, finding }],
      errors: [{ file: 'x.yaml', message: 'cannot read\nfile', kind: 'io' }],
      skipped: [],
      filesChecked: 1,
      fixed: { files: 0, findings: 0 },
      order: [],
      notes: [],
    } as unknown as CheckResult;
    assert.equal(
      formatGithub(result),
      '::notice file=dir%2Ca/b%3Ac.yaml,line=1,col=2,endLine=3,endColumn=4,title=some-rule::line one%0Aline two: 50%25, done [Pod/p]\n::error file=x.yaml::cannot read%0Afile\n',
    );
  });
});
