// The CLI checks each file under the nearest .kube-harden.yaml upwards (then the current
// directory's), runs its custom rules, lists them, and refuses a config whose expression is broken.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildOnce, cleanTemps, runCli, runJson, tempWorkspace, yaml } from './helpers';

const deployment = yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers: []');
const teamRule = yaml(
  'customRules:',
  '  - id: team-label-required',
  '    title: Workloads carry a team label',
  '    match: {kinds: [Deployment]}',
  `    expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"`,
  '    message: every workload needs a team label',
);

before(buildOnce);
after(cleanTemps);

const custom = (json: { findings: Array<{ ruleId: string; file: string; line: number }> }) => json.findings.filter((f) => f.ruleId === 'team-label-required').map((f) => `${f.file}:${f.line}`);

test('the nearest config file upwards from each file, then the current directory', () => {
  const cwd = tempWorkspace({ 'apps/.kube-harden.yaml': teamRule, 'apps/shop/web.yaml': deployment, 'other/web.yaml': deployment });
  assert.deepEqual(custom(runJson(['.'], { cwd }).json), ['apps/shop/web.yaml:4']);
  const top = tempWorkspace({ '.kube-harden.yaml': teamRule, 'a/web.yaml': deployment });
  assert.deepEqual(custom(runJson(['.'], { cwd: top }).json), ['a/web.yaml:4']);
});

test('--config applies to every file', () => {
  const cwd = tempWorkspace({ 'rules.yaml': teamRule, 'apps/.kube-harden.yaml': 'rules: {}\n', 'apps/web.yaml': deployment });
  assert.deepEqual(custom(runJson(['--config', 'rules.yaml', 'apps/web.yaml'], { cwd }).json), ['apps/web.yaml:4']);
});

test('kube-harden rules lists the custom rules', () => {
  const cwd = tempWorkspace({ '.kube-harden.yaml': teamRule });
  const run = runCli(['rules'], { cwd });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^team-label-required .* Workloads carry a team label$/m);
});

test('a broken expression is a usage error at its character', () => {
  const cwd = tempWorkspace({ 'apps/.kube-harden.yaml': teamRule.replace("'team' in", "'team' in nope."), 'apps/web.yaml': deployment });
  const run = runCli(['check', '.'], { cwd });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /apps\/\.kube-harden\.yaml:5:59: expression: undeclared reference to 'nope'/);
});
