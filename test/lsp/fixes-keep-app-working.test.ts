// The two fixes that must keep the application working, through the real server: "Add a
// NetworkPolicy" on microservices-demo admits frontend and checkoutservice to currencyservice on port
// 7000, right after its Deployment, and the editor is asked to show it; "Move to a Secret" twice in
// one workload leaves the manifest to the user (only the code action's own edit touches it), writes
// one Secret with two keys through a command, opens that file, and no new finding appears.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { CodeAction, CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { editsFor, ensureBuilt, TestClient } from './client';

const finishCommand = 'kubeHarden.server.finishSuggestion';

interface Finish {
  edit?: WorkspaceEdit;
  show?: { uri: string; selection?: { start: { line: number }; end: { line: number } } };
}

function finishOf(action: CodeAction): Finish {
  assert.equal(action.command?.command, finishCommand, `${action.title} has no follow-up command`);
  return action.command!.arguments![0] as Finish;
}

/** What an editor does with the follow-up edit: files created and written, as the test's disk. */
function writeToDisk(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if (CreateFile.is(change)) writeFileSync(fileURLToPath(change.uri), '', { flag: 'a' });
    else if (TextDocumentEdit.is(change)) {
      const path = fileURLToPath(change.textDocument.uri);
      const text = readFileSync(path, 'utf8');
      const [edit] = editsFor({ documentChanges: [change] }, change.textDocument.uri);
      assert.equal(edit.range.start.line >= text.split('\n').length - 1, true, 'appends at the end');
      writeFileSync(path, text + edit.newText);
    }
  }
}

describe('fixes that keep the application working, in the editor', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-fixes-'));
    execFileSync('git', ['init', '-q'], { cwd: folder });
    client = await TestClient.start({ createFiles: true, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('Add a NetworkPolicy for currencyservice admits frontend and checkoutservice on port 7000, right after it, and shows it', async () => {
    const source = join(__dirname, '../../../shared/reference/corpus/microservices-demo__kubernetes-manifests.yaml');
    const uri = pathToFileURL(join(folder, 'microservices-demo.yaml')).href;
    await client.open(uri, readFileSync(source, 'utf8'));
    const isolation = (list: Awaited<ReturnType<TestClient['diagnostics']>>) => list.filter((d) => d.code === 'network-ingress-isolation');
    const finding = isolation(await client.diagnostics(uri, 15000)).find((d) => client.text(uri).split('\n')[d.range.start.line].includes('currencyservice'));
    assert.ok(finding, 'no finding on currencyservice');
    const actions = (await client.codeActions(uri, finding.range, [finding])) as CodeAction[];
    const add = actions.find((a) => a.title === 'Add a NetworkPolicy for currencyservice admitting frontend, checkoutservice on port 7000');
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    const finish = finishOf(add);
    assert.equal(finish.edit, undefined, 'the policy is in the manifest edit');
    const text = await client.apply(uri, add.edit!);
    const lines = text.split('\n');
    const shown = finish.show!;
    assert.equal(shown.uri, uri);
    assert.equal(lines[shown.selection!.start.line], '---');
    const policy = parse(lines.slice(shown.selection!.start.line + 1, shown.selection!.end.line).join('\n'));
    assert.equal(policy.kind, 'NetworkPolicy');
    assert.deepEqual(policy.spec.ingress, [
      { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 7000 }] },
      { from: [{ podSelector: { matchLabels: { app: 'checkoutservice' } } }], ports: [{ protocol: 'TCP', port: 7000 }] },
    ]);
    // Right after the Deployment: the line before the policy ends the currencyservice Deployment.
    assert.ok(
      lines
        .slice(0, shown.selection!.start.line)
        .reverse()
        .find((l) => /^  name: /.test(l))!
        .includes('currencyservice'),
    );
    await client.request('workspace/executeCommand', { command: finishCommand, arguments: [finish] });
    assert.ok(client.shownDocuments.includes(uri), 'the editor was not asked to show the policy');
    const after = isolation(await client.diagnostics(uri, 15000)).map((d) => lines[d.range.start.line]);
    assert.ok(!after.some((l) => l.includes('currencyservice')), after.join('\n'));
    await client.close(uri);
  });

  test('Move to a Secret twice in one workload: one Secret, two keys, the file opened, no new finding', async () => {
    const manifest = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: billing:1\n        env:\n        - name: DB_PASSWORD\n          value: "Kx9-First-Wq2-Pass"\n        - name: API_KEY\n          value: "Kx9-Second-Wq2-Key"\n`;
    const uri = pathToFileURL(join(folder, 'billing.yaml')).href;
    const secretUri = pathToFileURL(join(folder, 'billing.secret.yaml')).href;
    writeFileSync(join(folder, 'billing.yaml'), manifest);
    await client.open(uri, manifest);
    const applied = client.appliedEdits.length;

    const move = async (name: string) => {
      const finding = (await client.diagnostics(uri)).find((d) => d.code === 'secret-in-env' && client.text(uri).split('\n')[d.range.start.line].includes(name));
      assert.ok(finding, `no finding for ${name}`);
      const action = ((await client.codeActions(uri, finding.range, [finding])) as CodeAction[]).find((a) => a.title.startsWith(`Move ${name} `));
      assert.ok(action, `no move for ${name}`);
      // The code action edits the manifest only; the other files come with the command.
      assert.deepEqual(
        action.edit!.documentChanges!.map((c) => (TextDocumentEdit.is(c) ? c.textDocument.uri : c.kind)),
        [uri],
      );
      await client.apply(uri, action.edit!);
      const finish = finishOf(action);
      await client.request('workspace/executeCommand', { command: finishCommand, arguments: [finish] });
      return { action, finish };
    };

    const first = await move('DB_PASSWORD');
    assert.equal(first.action.title, 'Move DB_PASSWORD to Secret billing-secrets (value saved in git-ignored billing.secret.yaml)');
    const sent = client.appliedEdits[applied];
    assert.deepEqual(sent.metadata, { isRefactoring: true }, 'VS Code saves the Secret file and .gitignore together');
    // The editor saves both (a refactoring) and opens the Secret file.
    writeToDisk(sent.edit);
    await client.notification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: secretUri, type: 1 },
        { uri: pathToFileURL(join(folder, '.gitignore')).href, type: 1 },
      ],
    });
    assert.equal(first.finish.show!.uri, secretUri);
    assert.ok(client.shownDocuments.includes(secretUri));
    await client.open(secretUri, readFileSync(join(folder, 'billing.secret.yaml'), 'utf8'));

    const second = await move('API_KEY');
    assert.equal(second.action.title, 'Move API_KEY to Secret billing-secrets (value saved in git-ignored billing.secret.yaml)');
    const merge = client.appliedEdits[client.appliedEdits.length - 1].edit;
    assert.ok(!(merge.documentChanges ?? []).some((c) => CreateFile.is(c)), 'the second move creates no file');
    await client.apply(secretUri, merge);

    const docs = client
      .text(secretUri)
      .split(/^---$/m)
      .map((d) => parse(d))
      .filter(Boolean);
    assert.deepEqual(
      docs.map((d) => [d.kind, d.metadata.name, d.stringData]),
      [['Secret', 'billing-secrets', { DB_PASSWORD: 'Kx9-First-Wq2-Pass', API_KEY: 'Kx9-Second-Wq2-Key' }]],
    );
    assert.match(client.text(uri), /secretKeyRef:\n\s+name: billing-secrets\n\s+key: API_KEY/);
    assert.deepEqual(
      (await client.diagnostics(uri)).filter((d) => d.code === 'secret-in-env'),
      [],
    );
    // The Secret file is git-ignored (the .gitignore the first move wrote): no new finding.
    assert.deepEqual(
      (await client.diagnostics(secretUri)).map((d) => d.code),
      [],
    );
    assert.equal(readFileSync(join(folder, 'billing.yaml'), 'utf8'), manifest, 'the manifest was saved');
  });
});
