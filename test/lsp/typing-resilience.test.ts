// Typing a new key in a Deployment, one character at a time, with the real server: the syntax error
// of each half-typed version is reported where it is, and no finding of the document goes away.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, TestClient, uniqueUri } from './client';
import { rulesById } from '../../rules';

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

/** The findings (not the syntax errors) as range, rule and message: what the user sees of them. */
function findings(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.code !== 'yaml-syntax').map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);
}

/** Checks each typed version against the findings of the clean document: every one stays visible. */
function checker(clean: string[]) {
  return (diagnostics: Diagnostic[], typed: string): void => {
    assert.ok(
      diagnostics.some((d) => d.code === 'privileged-container'),
      `"${typed}": ${codes(diagnostics).join(', ')}`,
    );
    // Workspace rules' findings stay too: checked without the line being typed, in the workspace as it
    // is, the document still makes them (last-good.test.ts: not when another file's change ends one).
    // The runtime and images findings (whose place follows the typed key) are not what this test is about.
    const ours = (f: string) => ['runtime', 'images'].includes(rulesById.get(f.split(' ')[1])?.meta.category ?? '');
    const expected = clean.filter((f) => !ours(f));
    assert.deepEqual(
      findings(diagnostics).filter((f) => !ours(f)),
      expected,
      `"${typed}": the findings of the document stay`,
    );
    const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
    if (typed.endsWith(':')) {
      assert.deepEqual(syntax, [], 'the finished key parses');
    } else {
      assert.equal(syntax.length, 1, `"${typed}": one syntax error`);
      assert.deepEqual(syntax[0].range, { start: { line, character: 8 }, end: { line, character: 8 + typed.length } });
      assert.equal(syntax[0].message, 'A key needs a colon and a value (key: value)');
      assert.match(syntax[0].codeDescription!.href, /docs\/yaml-syntax\.md$/);
    }
  };
}

describe('typing a key keeps the findings of the rest of the document', () => {
  before(ensureBuilt);

  test('pull (VS Code): every pulled result has the privileged finding', async () => {
    const client = await TestClient.start({ pull: true });
    try {
      const uri = uniqueUri('typing-pull.yaml');
      await client.open(uri, deployment);
      const clean = findings(await client.diagnostics(uri));
      assert.ok(clean.some((f) => f.includes('run-as-non-root')) && clean.some((f) => f.includes('privileged-container')), clean.join('\n'));
      await typeKey(client, uri, checker(clean));
      // A finding carried from the last version that parsed is shown, not fixed: asking for its actions is safe.
      await client.change(uri, [{ range: { start: { line, character: 16 }, end: { line, character: 17 } }, text: '' }]);
      const broken = await client.diagnostics(uri);
      const carried = broken.find((d) => d.code === 'run-as-non-root')!;
      assert.ok(carried, codes(broken).join(', '));
      const actions = await client.codeActions(uri, carried.range, [carried]);
      assert.ok(Array.isArray(actions));
    } finally {
      await client.stop();
    }
  });

  test('push (Neovim 0.7): every published result has the privileged finding', async () => {
    const client = await TestClient.start({ pull: false });
    try {
      const uri = uniqueUri('typing-push.yaml');
      await client.open(uri, deployment);
      const clean = findings(await client.diagnostics(uri));
      await typeKey(client, uri, checker(clean));
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

  test('a document opened broken claims no missing field of the container being typed, and a parsed edit elsewhere ends the carrying', async () => {
    const client = await TestClient.start({ pull: true });
    try {
      const uri = uniqueUri('typing-opened-broken.yaml');
      await client.open(uri, deployment + `        ${key}\n`);
      // Nothing parsed before: only what the broken line cannot change.
      assert.deepEqual(codes(await client.diagnostics(uri)).sort(), ['privileged-container', 'yaml-syntax']);

      const other = uniqueUri('typing-edited-elsewhere.yaml');
      await client.open(other, deployment + `        ${key}:\n`);
      await client.diagnostics(other);
      await client.replace(other, `${key}:`, key);
      assert.ok(codes(await client.diagnostics(other)).includes('run-as-non-root'), 'carried while only the broken line changed');
      // A fix typed elsewhere while the document is broken: the old findings may no longer hold.
      await client.replace(other, 'privileged: true}', 'privileged: true, runAsNonRoot: true}');
      const after = codes(await client.diagnostics(other));
      assert.ok(!after.includes('run-as-non-root'), after.join(', '));
      assert.ok(after.includes('privileged-container'), after.join(', '));
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
