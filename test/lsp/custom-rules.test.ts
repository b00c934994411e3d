// Custom rules through the protocol: a rule of the workspace's .kube-harden.yaml reports on an open
// manifest, editing the open config file changes the finding without saving, and a broken
// expression is a diagnostic of the config file at its character.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, messageOf, TestClient } from './client';

const config = `customRules:
  - id: team-label-required
    severity: warning
    match: {kinds: [Deployment]}
    expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
    message: every workload needs a team label
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers: []
`;

let folder: string;
let client: TestClient;
const fileUri = (name: string) => pathToFileURL(join(folder, name)).href;

before(async () => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'kube-harden-custom-'));
  writeFileSync(join(folder, '.kube-harden.yaml'), config);
  client = await TestClient.start({ pull: true, workspaceFolders: [folder] });
});
after(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

test('a custom rule of .kube-harden.yaml, then edited in the open config file', async () => {
  const uri = fileUri('web.yaml');
  await client.open(uri, deployment);
  const found = (await client.diagnostics(uri)).filter((d) => d.code === 'team-label-required');
  assert.equal(found.length, 1);
  assert.equal(messageOf(found[0]), 'every workload needs a team label');
  assert.deepEqual(found[0].range, { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } });
  assert.equal(found[0].severity, 2);

  const configUri = fileUri('.kube-harden.yaml');
  await client.open(configUri, config);
  assert.deepEqual(await client.diagnostics(configUri), []);
  let refreshes = client.refreshes;
  await client.replace(configUri, 'message: every workload needs a team label', 'message: label it\n    severity: error');
  await client.replace(configUri, '    severity: warning\n', '');
  await client.waitFor(() => client.refreshes > refreshes, 'refresh after editing the config');
  const edited = (await client.diagnostics(uri)).filter((d) => d.code === 'team-label-required');
  assert.deepEqual(
    edited.map((d) => [messageOf(d), d.severity]),
    [['label it', 1]],
  );

  // A broken expression: a diagnostic at its character, and the rule no longer runs.
  refreshes = client.refreshes;
  await client.replace(configUri, "'team' in object", "'team' in nope");
  await client.waitFor(() => client.refreshes > refreshes, 'refresh after breaking the expression');
  const problems = await client.diagnostics(configUri);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(messageOf(problems[0]), /undeclared reference to 'nope'/);
  assert.deepEqual(problems[0].range, { start: { line: 3, character: 58 }, end: { line: 3, character: 62 } });
  assert.deepEqual(
    (await client.diagnostics(uri)).filter((d) => d.code === 'team-label-required'),
    [],
  );
  await client.close(configUri);
});
