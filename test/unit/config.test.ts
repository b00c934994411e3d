// The workspace configuration file: validated with ajv, bad fields reported and dropped, never fatal.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfigText, mergeConfig, parseMinor } from '../../server/src/engine';

test('a valid file is read', () => {
  const { config, problems } = loadConfigText('kubernetesVersion: "1.29"\npodSecurityLevel: baseline\nrules:\n  host-ports: off\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(mergeConfig(config), { kubernetesVersion: '1.29', podSecurityLevel: 'baseline', rules: { 'host-ports': 'off' } });
});

test('invalid fields are reported at their node and the valid ones kept', () => {
  const text = 'podSecurityLevel: strict\nkubernetesVersion: "1.30"\ncolour: red\n';
  const { config, problems } = loadConfigText(text);
  assert.equal(config.kubernetesVersion, '1.30');
  assert.equal(config.podSecurityLevel, undefined);
  assert.equal(problems.length, 2);
  const level = problems.find((p) => p.message.startsWith('podSecurityLevel'))!;
  assert.equal(text.slice(level.offset, level.offset + level.length), 'strict');
});

test('malformed YAML is a problem, not an exception', () => {
  assert.equal(loadConfigText('rules: [\n').problems.length, 1);
});

test('versions', () => {
  assert.equal(parseMinor('1.29'), 29);
  assert.equal(parseMinor('v1.25.3'), 25);
  assert.equal(parseMinor('latest'), 37);
  assert.equal(parseMinor('2.0'), undefined);
  assert.equal(parseMinor('1.99'), 37);
});

test('the precompiled validator is up to date with config-schema.json', async () => {
  const { pathToFileURL } = await import('node:url');
  const { readFileSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  const script = pathToFileURL(resolve(__dirname, '../../scripts/gen-validators.mjs')).href;
  const { renderValidators } = (await import(script)) as { renderValidators: () => { js: string } };
  const current = readFileSync(resolve(__dirname, '../../server/src/engine/generated/config-validator.js'), 'utf8');
  assert.equal(current, renderValidators().js, 'stale: run node scripts/gen-validators.mjs (or any build)');
});

test('peerSuppressions: read from the file and from the editor settings, the file winning', async () => {
  const { normalizeSettings, settingsToConfig } = await import('../../server/src/lsp/settings');
  const file = loadConfigText('peerSuppressions: false\n');
  assert.deepEqual(file.problems, []);
  assert.equal(mergeConfig(file.config).peerSuppressions, false);
  assert.equal(loadConfigText('peerSuppressions: maybe\n').problems.length, 1);
  const off = settingsToConfig(normalizeSettings({ peerSuppressions: false }));
  assert.equal(mergeConfig(off).peerSuppressions, false);
  assert.equal(mergeConfig(settingsToConfig(normalizeSettings({ peerSuppressions: 'no' }))).peerSuppressions, undefined);
  assert.equal(mergeConfig(settingsToConfig(normalizeSettings({ peerSuppressions: true })), file.config).peerSuppressions, false);
});

test('images.allowedRegistries: read from the file and from the editor settings, the lists combined', async () => {
  const { normalizeSettings, settingsToConfig } = await import('../../server/src/lsp/settings');
  const file = loadConfigText('images:\n  allowedRegistries: [registry.example.com]\n');
  assert.deepEqual(file.problems, []);
  assert.equal(loadConfigText('images:\n  allowedRegistries: registry.example.com\n').problems.length, 1);
  assert.equal(loadConfigText('images:\n  allowed: [x]\n').problems.length, 1);
  const editor = settingsToConfig(normalizeSettings({ images: { allowedRegistries: ['ghcr.io/acme', 3, ''] } }));
  assert.deepEqual(mergeConfig(editor, file.config).images, { allowedRegistries: ['ghcr.io/acme', 'registry.example.com'] });
  assert.equal(mergeConfig(settingsToConfig(normalizeSettings({}))).images, undefined);
});
