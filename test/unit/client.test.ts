// Tests what the VS Code client shows for the server's answers (client/src/presentation.ts): status
// bar text, the message after Harden, the rule picker's items, and the check that decides whether an
// edit already asks for confirmation. These helpers import no `vscode`, so they run here as they are.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HardenResult, RuleInfo, StatusParams } from '../../client/src/protocol';
import { hardenOutcome, ruleIdsLeftInPlace, ruleItem, statusPresentation } from '../../client/src/presentation';

const status = (over: Partial<StatusParams> = {}): StatusParams => ({
  uri: 'file:///w/pod.yaml',
  level: 'restricted',
  kubernetesVersion: '1.37',
  errors: 0,
  warnings: 0,
  infos: 0,
  total: 0,
  checked: true,
  ...over,
});

test('status bar: findings, a clean file, a file that is not a manifest, no status yet', () => {
  const findings = statusPresentation(status({ errors: 2, warnings: 1, total: 3 }));
  assert.equal(findings.text, '$(shield) restricted 1.37 · 3');
  assert.match(findings.tooltip, /3 findings: 2 errors, 1 warning, 0 infos/);
  assert.match(findings.tooltip, /Pod Security level restricted, Kubernetes 1\.37/);

  const clean = statusPresentation(status({ level: 'baseline', kubernetesVersion: '1.29' }));
  assert.equal(clean.text, '$(pass) baseline 1.29');
  assert.match(clean.tooltip, /No findings/);

  assert.equal(statusPresentation(status({ checked: false })).text, '$(circle-slash) kube-harden');
  assert.equal(statusPresentation(undefined).text, '$(shield) kube-harden');
});

test('status bar: a single finding is not pluralised', () => {
  assert.match(statusPresentation(status({ infos: 1, total: 1 })).tooltip, /1 finding: 0 errors, 0 warnings, 1 info$/m);
});

const result = (over: Partial<HardenResult> = {}): HardenResult => ({
  edit: { changes: {} },
  workloads: ['Deployment/web'],
  cannotFix: [],
  message: 'Hardened Deployment/web: 4 changes.',
  ...over,
});
const cannotFix = (ruleId: string) => ({ ruleId, message: `${ruleId} stays`, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } });

test('Harden outcome: information when everything was fixed', () => {
  assert.deepEqual(hardenOutcome(result()), { severity: 'information', text: 'Hardened Deployment/web: 4 changes.' });
});

test('Harden outcome: nothing to do', () => {
  assert.deepEqual(hardenOutcome(result({ edit: null, message: '' })), {
    severity: 'information',
    text: 'Already passes the restricted level: nothing to change.',
  });
  assert.equal(hardenOutcome(result({ edit: null, message: 'Pod/p already passes restricted.' })).text, 'Pod/p already passes restricted.');
});

test('Harden outcome: a warning naming each rule left in place once', () => {
  const outcome = hardenOutcome(result({ cannotFix: [cannotFix('host-path-volumes'), cannotFix('host-namespaces'), cannotFix('host-path-volumes')] }));
  assert.equal(outcome.severity, 'warning');
  assert.equal(outcome.text, 'Hardened Deployment/web: 4 changes. Left in place (no safe fix): host-path-volumes, host-namespaces.');
  assert.deepEqual(ruleIdsLeftInPlace([cannotFix('a'), cannotFix('b'), cannotFix('a')]), ['a', 'b']);
});

test('Harden outcome: the ids are not repeated when the server message names them', () => {
  const message = 'Hardened Pod/p; left in place: host-path-volumes.';
  assert.deepEqual(hardenOutcome(result({ message, cannotFix: [cannotFix('host-path-volumes')] })), { severity: 'warning', text: message });
});

const rule = (over: Partial<RuleInfo> = {}): RuleInfo => ({
  id: 'allow-privilege-escalation',
  title: 'Containers must not allow privilege escalation',
  description: 'd',
  category: 'pod-security',
  severity: 'warning',
  level: 'restricted',
  check: 'allowPrivilegeEscalation',
  fix: 'safe',
  docsUrl: 'https://example.test/rules/allow-privilege-escalation.md',
  docFile: 'rules/pod-security/allow-privilege-escalation.md',
  enabled: true,
  ...over,
});

test('rule picker: id, title, and level · check · fix · state', () => {
  assert.deepEqual(ruleItem(rule()), {
    label: 'allow-privilege-escalation',
    description: 'Containers must not allow privilege escalation',
    detail: 'restricted level · check allowPrivilegeEscalation · safe fix · enabled (warning)',
    docsUrl: 'https://example.test/rules/allow-privilege-escalation.md',
    docFile: 'rules/pod-security/allow-privilege-escalation.md',
  });
  assert.equal(ruleItem(rule({ enabled: false, fix: 'none', level: null, check: null })).detail, 'pod-security · no automatic fix · off');
});

test('the client registers every command the manifest contributes, and no other', () => {
  const root = resolve(__dirname, '../..');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  const dir = join(root, 'client/src');
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const registered = [...source.matchAll(/(?:command|registerCommand)\(\s*'(kubeHarden\.[\w.]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(registered, contributed);
});
