// No output ever reveals a secret value: manifests holding distinctive test secrets at every
// detection site go through the CLI (text, json, sarif, --fix) and the language server (diagnostics,
// hover, code-action titles and commands, status, the rule list, the server's log and stderr), and
// every output is searched for each secret and each of its substrings of four characters or more.
// Only the edit of a "Move to a Secret" suggestion may carry a value, and only into the git-ignored file.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CodeAction, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { buildOnce, runCli } from '../cli/helpers';
import { malformedSecrets, secretParts } from '../helpers/malformed-secrets';
import { ensureBuilt, TestClient } from './client';

// Random-looking, mixed-case: no English word, no hex run, so a 4-character window cannot occur by chance.
const secrets = {
  env: 'Qv7xZk9Wm2Rt',
  gh: 'ghp_Jq4WzP8vXn3KbT6yHc2MdR9sLf5GaE7uYw1N',
  arg: 'Tz5QmW8xKv3P',
  argSplit: 'Hx4VbN7qZt2M',
  stringData: 'Pw6RyZ3kQx8V',
  data: 'Nb2XqW9zKt4J',
  configmap: 'Lm8ZxQ3vWk7R',
  conn: 'Gc5WzK2xQv9T',
  lastApplied: 'Yk3QzX7wVm5P',
  invalid: 'Rq9 Zx4W!Kp7',
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
        - name: shop
          image: shop:1
          command: ["shop", "--db-password=${secrets.arg}", "--api-key", "${secrets.argSplit}"]
          env:
            - name: DB_PASSWORD
              value: "${secrets.env}"
            - name: GH
              value: ${secrets.gh}
---
apiVersion: v1
kind: Secret
metadata:
  name: shop-db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Secret","data":{"password":"${b64(secrets.lastApplied)}"}}'
stringData:
  password: ${secrets.stringData}
data:
  token: ${b64(secrets.data)}
  broken: ${secrets.invalid}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  app.properties: |
    db.password=${secrets.configmap}
  conn: "Server=db;Password=${secrets.conn};"
`;

/** Every secret, its base64 form where the manifest holds one, and all their substrings of 4+ characters. */
function needles(): string[] {
  const whole = [...Object.values(secrets), b64(secrets.data), b64(secrets.lastApplied)];
  const out = new Set<string>();
  for (const s of whole) for (let i = 0; i + 4 <= s.length; i++) out.add(s.slice(i, i + 4));
  // `ghp_` and base64 padding are formats, not secrets; the token's body still has every window checked.
  out.delete('ghp_');
  for (const n of [...out]) if (/^[^A-Za-z0-9]|==|^.{0,2}=$/.test(n) || !/[A-Za-z]/.test(n) || / /.test(n)) out.delete(n);
  return [...out];
}

function assertNoLeak(what: string, output: string): void {
  const leaked = needles().filter((n) => output.includes(n));
  assert.deepEqual(leaked, [], `${what} reveals part of a secret`);
}

describe('no output reveals a secret', () => {
  let dir: string;
  before(() => {
    buildOnce();
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'kube-harden-leak-'));
    writeFileSync(join(dir, 'shop.yaml'), manifest);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the manifest holds a finding at every detection site', () => {
    const run = runCli(['check', '--format', 'json', 'shop.yaml'], { cwd: dir });
    const ids = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId).filter((id) => id.startsWith('secret-'));
    for (const id of ['secret-in-env', 'secret-in-args', 'secret-manifest-plaintext', 'secret-invalid-base64', 'secret-in-configmap', 'secret-in-last-applied']) {
      assert.ok(ids.includes(id), `no ${id} finding`);
    }
    assert.equal(ids.filter((id) => id === 'secret-in-env').length, 2);
    assert.equal(ids.filter((id) => id === 'secret-in-args').length, 2);
    assert.equal(ids.filter((id) => id === 'secret-in-configmap').length, 2);
  });

  test('CLI text, json, sarif, --fix and stdin', () => {
    for (const args of [['check', 'shop.yaml'], ['check', '--format', 'json', 'shop.yaml'], ['check', '--format', 'sarif', 'shop.yaml'], ['rules']]) {
      const run = runCli(args, { cwd: dir });
      assert.ok(run.stdout.includes('secret-'), `${args.join(' ')} reports the findings`);
      assertNoLeak(`kube-harden ${args.join(' ')} (stdout)`, run.stdout);
      assertNoLeak(`kube-harden ${args.join(' ')} (stderr)`, run.stderr);
    }
    const stdin = runCli(['check', '--format', 'sarif', '-'], { cwd: dir, input: manifest });
    assert.ok(stdin.stdout.includes('secret-in-env'));
    assertNoLeak('sarif from stdin', stdin.stdout + stdin.stderr);
    const copy = join(dir, 'fix.yaml');
    writeFileSync(copy, manifest);
    const fix = runCli(['check', '--fix', 'fix.yaml'], { cwd: dir });
    assertNoLeak('--fix output', fix.stdout + fix.stderr);
  });

  test('language server: diagnostics, hover, code actions, status, rule list, log', async () => {
    const client = await TestClient.start({ createFiles: true });
    let stderr = '';
    client.process!.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const uri = pathToFileURL(join(dir, 'shop.yaml')).href;
      await client.open(uri, manifest);
      const diagnostics = await client.diagnostics(uri);
      const secretDiagnostics = diagnostics.filter((d) => String(d.code).startsWith('secret-'));
      assert.equal(secretDiagnostics.length, 10);
      assertNoLeak('diagnostics', JSON.stringify(diagnostics));

      let moved = 0;
      for (const d of secretDiagnostics) {
        const hover = await client.hover(uri, d.range.start);
        assert.ok(hover, `no hover on ${String(d.code)}`);
        assertNoLeak(`hover on ${String(d.code)}`, JSON.stringify(hover));
        if (d.code === 'secret-manifest-plaintext') assert.match(JSON.stringify(hover), /Sealed Secrets[\s\S]*External Secrets Operator[\s\S]*SOPS/);

        const actions = (await client.codeActions(uri, d.range, [d])) as CodeAction[];
        // A suggestion's other files follow its edit in a command: that edit is checked like the action's own.
        const otherFiles = (a: CodeAction) => (a.command?.command === 'kubeHarden.server.finishSuggestion' ? (a.command.arguments?.[0] as { edit?: WorkspaceEdit }).edit : undefined);
        assertNoLeak(
          `code actions of ${String(d.code)} (titles, commands)`,
          JSON.stringify(actions.map((a) => ({ ...a, edit: undefined, command: otherFiles(a) ? { ...a.command, arguments: undefined } : a.command }))),
        );
        for (const a of actions.filter((x) => x.title.startsWith('Move '))) {
          moved++;
          // The manifest's own edits carry no value; only the new git-ignored Secret file does.
          for (const change of [...(a.edit?.documentChanges ?? []), ...(otherFiles(a)?.documentChanges ?? [])]) {
            if (!TextDocumentEdit.is(change)) continue;
            const text = JSON.stringify(change.edits);
            if (change.textDocument.uri.endsWith('.secret.yaml')) assert.ok(text.includes(secrets.env) || text.includes(secrets.gh), 'the value goes to the Secret file');
            else assertNoLeak(`edit of ${change.textDocument.uri}`, text);
          }
        }
      }
      assert.equal(moved, 2, 'both env findings offer "Move to a Secret"');
      const rulesList = await client.request('kubeHarden/listRules', {}).catch(() => null);
      assertNoLeak('status and rule list', JSON.stringify({ statuses: client.statuses, rulesList }));
      assertNoLeak('server log', client.logs.join('\n'));
      assertNoLeak('server stderr', stderr);
    } finally {
      await client.stop();
    }
  });

  test('language server: syntax errors on a line holding a secret', async () => {
    const client = await TestClient.start({ createFiles: true });
    try {
      for (const [file, text] of Object.entries(malformedSecrets)) {
        const uri = pathToFileURL(join(dir, file)).href;
        await client.open(uri, text);
        const diagnostics = await client.diagnostics(uri);
        assert.ok(
          diagnostics.some((d) => d.code === 'yaml-syntax'),
          `${file}: no syntax error`,
        );
        const leaked = secretParts().filter((part) => JSON.stringify(diagnostics).includes(part));
        assert.deepEqual(leaked, [], `${file}: a diagnostic quotes the secret`);
      }
      const leaked = secretParts().filter((part) => client.logs.join('\n').includes(part));
      assert.deepEqual(leaked, [], 'the server log quotes the secret');
    } finally {
      await client.stop();
    }
  });
});
