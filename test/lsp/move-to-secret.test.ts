// "Move to a Secret" through the language server: a committed `web.secret.yaml` (a SOPS file, say)
// never receives a plaintext value, a folder outside git is named as such in the title, a Secret of
// another document of the same file that holds the value is offered (and withdrawn when its value
// changes), and two environments of one folder write into files of their own.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CodeAction, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, TestClient } from './client';

const deployment = (password: string, name = 'web') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: web:1\n        env:\n        - name: DB_PASSWORD\n          value: "${password}"\n`;

const sops = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-db\nstringData:\n  DB_PASSWORD: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]\nsops:\n  version: 3.8.1\n';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
}

/** The titles of the code actions of the file's secret-in-env finding, and those actions. */
async function moveActions(client: TestClient, uri: string): Promise<CodeAction[]> {
  const [finding] = (await client.diagnostics(uri)).filter((d) => d.code === 'secret-in-env');
  assert.ok(finding, 'no secret-in-env diagnostic');
  return (await client.codeActions(uri, finding.range, [finding])) as CodeAction[];
}

/** The changes to other files, written by the command that follows the manifest's edit. */
function otherFiles(action: CodeAction): WorkspaceEdit | undefined {
  return (action.command?.arguments?.[0] as { edit?: WorkspaceEdit } | undefined)?.edit;
}

/** The URIs a code action writes to, besides the manifest. */
function writtenFiles(action: CodeAction, manifest: string): string[] {
  const changes = [...(action.edit?.documentChanges ?? []), ...(otherFiles(action)?.documentChanges ?? [])];
  return changes.filter((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri !== manifest).map((c) => c.textDocument.uri);
}

describe('Move to a Secret in the editor', () => {
  let client: TestClient;
  let repo: string;
  let plain: string;
  before(async () => {
    ensureBuilt();
    repo = mkdtempSync(join(tmpdir(), 'kube-harden-git-'));
    plain = mkdtempSync(join(tmpdir(), 'kube-harden-nogit-'));
    writeFileSync(join(repo, 'web.secret.yaml'), sops);
    writeFileSync(join(repo, 'web.yaml'), deployment('Kx9-Commit-Wq2'));
    git(repo, 'init', '-q');
    git(repo, 'add', 'web.secret.yaml');
    git(repo, 'commit', '-q', '-m', 'SOPS-encrypted Secret');
    client = await TestClient.start({ createFiles: true, workspaceFolders: [repo, plain] });
  });
  after(async () => {
    await client.stop();
    rmSync(repo, { recursive: true, force: true });
    rmSync(plain, { recursive: true, force: true });
  });

  test('a committed web.secret.yaml never receives the value: web.local.secret.yaml does', async () => {
    const uri = pathToFileURL(join(repo, 'web.yaml')).href;
    await client.open(uri, deployment('Kx9-Commit-Wq2'));
    const actions = await moveActions(client, uri);
    const move = actions.find((a) => a.title.startsWith('Move '));
    assert.ok(move, actions.map((a) => a.title).join(' | '));
    assert.equal(move.title, 'Move DB_PASSWORD to Secret web-secrets (value saved in git-ignored web.local.secret.yaml)');
    const written = writtenFiles(move, uri);
    assert.deepEqual(written, [pathToFileURL(join(repo, 'web.local.secret.yaml')).href, pathToFileURL(join(repo, '.gitignore')).href]);
    assert.ok(!JSON.stringify([move.edit, otherFiles(move)]).includes('web.secret.yaml'), 'the tracked file is written to');
  });

  test('outside a git repository the title says nothing ignores the file', async () => {
    const uri = pathToFileURL(join(plain, 'api.yaml')).href;
    await client.open(uri, deployment('Kx9-Nogit-Wq2', 'api'));
    const move = (await moveActions(client, uri)).find((a) => a.title.startsWith('Move '));
    assert.equal(move?.title, 'Move DB_PASSWORD to Secret api-secrets (value saved in api.secret.yaml (not a git repository: nothing ignores it))');
  });

  test('a Secret of another document of the same file that holds the value is offered, until its value changes', async () => {
    const uri = pathToFileURL(join(plain, 'shop.yaml')).href;
    const secret = `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-db\nstringData:\n  DB_PASSWORD: Kx9-Same-Wq2\n`;
    await client.open(uri, deployment('Kx9-Same-Wq2', 'shop') + secret);
    const titles = (await moveActions(client, uri)).map((a) => a.title);
    assert.ok(titles.includes('Use key DB_PASSWORD of Secret shop-db for DB_PASSWORD'), titles.join(' | '));
    assert.ok(!titles.some((t) => t.startsWith('Move ')), 'the value is moved although a Secret of the file holds it');

    // Only the Secret's document changes: the Deployment's findings must not be reused as they were.
    await client.replace(uri, 'DB_PASSWORD: Kx9-Same-Wq2', 'DB_PASSWORD: Kx9-Other-Wq2');
    const after = (await moveActions(client, uri)).map((a) => a.title);
    assert.ok(!after.some((t) => t.startsWith('Use key DB_PASSWORD of Secret shop-db')), after.join(' | '));
    assert.ok(
      after.some((t) => t.startsWith('Move DB_PASSWORD to Secret shop-secrets ')),
      after.join(' | '),
    );
  });

  test('web-dev.yaml and web-prod.yaml of one folder write into files of their own', async () => {
    const targets: string[][] = [];
    for (const [env, password] of [
      ['dev', 'Kx9-Dev-Wq2'],
      ['prod', 'Kx9-Prod-Wq2'],
    ]) {
      const uri = pathToFileURL(join(plain, `web-${env}.yaml`)).href;
      await client.open(uri, deployment(password));
      const move = (await moveActions(client, uri)).find((a) => a.title.startsWith('Move '))!;
      targets.push(writtenFiles(move, uri).filter((u) => u.endsWith('.secret.yaml')));
    }
    assert.deepEqual(targets, [[pathToFileURL(join(plain, 'web-dev.secret.yaml')).href], [pathToFileURL(join(plain, 'web-prod.secret.yaml')).href]]);
  });

  test('an append that would declare a Secret its file already declares (another value under the key) is not offered', async () => {
    // The target exists on disk but is not in the workspace model (written after the scan, unwatched).
    writeFileSync(join(plain, 'late.secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: late-secrets\nstringData:\n  DB_PASSWORD: Kx9-Older-Wq2\n');
    const uri = pathToFileURL(join(plain, 'late.yaml')).href;
    await client.open(uri, deployment('Kx9-Late-Wq2', 'late'));
    const titles = (await moveActions(client, uri)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Move ')), titles.join(' | '));
    assert.ok(
      client.logs.some((l) => l.includes('late.secret.yaml already declares Secret/late-secrets')),
      'withdrawn by the check of the target file',
    );
  });
});
