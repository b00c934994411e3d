// Typing a new key in a Deployment, one character at a time, with the real server: the syntax error
// of each half-typed version is reported where it is, and the privileged finding never goes away.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, TestClient, uniqueUri } from './client';

const deployment = `apiVersion: apps/v1
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
`;

const key = 'resources';
/** Where the key is typed: a new line of the container, after its last one. */
const line = deployment.split('\n').length - 1;

async function typeKey(client: TestClient, uri: string, check: (diagnostics: Diagnostic[], typed: string) => void): Promise<void> {
  await client.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '        ' }]);
  const typed = `${key}:`;
  for (let i = 0; i < typed.length; i++) {
    await client.change(uri, [{ range: { start: { line, character: 8 + i }, end: { line, character: 8 + i } }, text: typed[i] }]);
    check(await client.diagnostics(uri), typed.slice(0, i + 1));
  }
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

function checkTyped(diagnostics: Diagnostic[], typed: string): void {
  const privileged = diagnostics.filter((d) => d.code === 'privileged-container');
  assert.equal(privileged.length, 1, `"${typed}": ${codes(diagnostics).join(', ')}`);
  assert.deepEqual(privileged[0].range, { start: { line: 14, character: 38 }, end: { line: 14, character: 42 } });
  const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
  if (typed.endsWith(':')) {
    assert.deepEqual(syntax, [], 'the finished key parses');
    // Parsed again: the container's missing fields are back.
    assert.ok(codes(diagnostics).includes('run-as-non-root'), codes(diagnostics).join(', '));
  } else {
    assert.equal(syntax.length, 1, `"${typed}": one syntax error`);
    assert.deepEqual(syntax[0].range, { start: { line, character: 8 }, end: { line, character: 8 + typed.length } });
    assert.equal(syntax[0].message, 'A key needs a colon and a value (key: value)');
    assert.match(syntax[0].codeDescription!.href, /docs\/yaml-syntax\.md$/);
    // The key being typed could be the missing field: the container is not said to lack it.
    assert.ok(!codes(diagnostics).includes('run-as-non-root'), `"${typed}": ${codes(diagnostics).join(', ')}`);
  }
}

describe('typing a key keeps the findings of the rest of the document', () => {
  before(ensureBuilt);

  test('pull (VS Code): every pulled result has the privileged finding', async () => {
    const client = await TestClient.start({ pull: true });
    try {
      const uri = uniqueUri('typing-pull.yaml');
      await client.open(uri, deployment);
      checkTyped(await client.diagnostics(uri), ':');
      await typeKey(client, uri, checkTyped);
    } finally {
      await client.stop();
    }
  });

  test('push (Neovim 0.7): every published result has the privileged finding', async () => {
    const client = await TestClient.start({ pull: false });
    try {
      const uri = uniqueUri('typing-push.yaml');
      await client.open(uri, deployment);
      await client.diagnostics(uri);
      await typeKey(client, uri, checkTyped);
      const published = client.published.get(uri) ?? [];
      assert.ok(published.length >= key.length, `${published.length} results published`);
      for (const result of published) {
        assert.ok(
          result.diagnostics.some((d) => d.code === 'privileged-container'),
          `version ${result.version}: ${codes(result.diagnostics).join(', ')}`,
        );
      }
    } finally {
      await client.stop();
    }
  });

  test('yaml-syntax off in the settings hides the syntax error, not the findings', async () => {
    const client = await TestClient.start({ pull: true, configuration: true, settings: { rules: { 'yaml-syntax': 'off' } } });
    try {
      const uri = uniqueUri('typing-off.yaml');
      await client.open(uri, deployment + `        ${key}\n`);
      const diagnostics = await client.diagnostics(uri);
      assert.deepEqual(codes(diagnostics), ['privileged-container']);
    } finally {
      await client.stop();
    }
  });
});
