// `kubeHarden.schema.enable` and `schema: {enable: false}` in .kube-harden.yaml turn the whole schema
// family off, for users whose other extension (Red Hat YAML) validates against the schemas already.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, loadConfigText, mergeConfig, PartialConfig } from '../../server/src/engine';
import { normalizeSettings, settingsToConfig } from '../../server/src/lsp/settings';
import { rules } from '../../rules';

const manifest = `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    args: [\u201c--verbose\u201d]
    securityContext: {privileged: true}
`;

const idsUnder = (...layers: PartialConfig[]) => new Set(check(manifest, { config: mergeConfig(...layers), rules }).findings.map((f) => f.ruleId));

test('on by default: the schema rules report beside the others', () => {
  const ids = idsUnder();
  assert.ok(ids.has('removed-api-version') && ids.has('pasted-characters') && ids.has('privileged-container'), [...ids].join());
});

test('schema: {enable: false} in .kube-harden.yaml turns every schema rule off, even one given a severity, and nothing else', () => {
  const file = loadConfigText('schema:\n  enable: false\nrules:\n  removed-api-version: error\n');
  assert.deepEqual(file.problems, []);
  const ids = idsUnder(file.config);
  assert.deepEqual(
    [...ids].filter((id) => rules.find((r) => r.id === id)?.meta.category === 'schema'),
    [],
  );
  assert.ok(ids.has('privileged-container'));
  assert.equal(loadConfigText('schema:\n  enable: no-thanks\n').problems.length, 1);
  assert.equal(loadConfigText('schema:\n  validate: false\n').problems.length, 1);
});

test('kubeHarden.schema.enable from the editor, which .kube-harden.yaml overrides', () => {
  const off = settingsToConfig(normalizeSettings({ schema: { enable: false } }));
  assert.equal(idsUnder(off).has('removed-api-version'), false);
  assert.equal(mergeConfig(settingsToConfig(normalizeSettings({ schema: { enable: 'no' } }))).schema, undefined);
  const on = loadConfigText('schema: {enable: true}\n').config;
  assert.equal(idsUnder(off, on).has('removed-api-version'), true);
});
