// Protocol tests for the workspace index and the network rules: a policy edited in one open file
// clears or raises the finding of a workload in another open file without reopening it (push, and
// pull with workspace/diagnostic/refresh); files on disk, their deletion, exclusion globs; hover on
// a workload's name; the "Add a NetworkPolicy" quick fixes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, positionOf, TestClient } from './client';

const rule = 'network-ingress-isolation';

const deployment = (name: string, app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0
          ports:
            - containerPort: 8080
`;

const policy = (app: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: ${app}
  policyTypes:
    - Ingress
`;

const ingress = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === rule);

function workspaceFolder(): string {
  return mkdtempSync(join(tmpdir(), 'kube-harden-net-'));
}

/** Waits for a publication of `uri` after the `seen`-th that satisfies `test`. */
async function nextPublished(client: TestClient, uri: string, seen: number, test: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  let found: Diagnostic[] | undefined;
  await client.waitFor(() => {
    const list = client.published.get(uri) ?? [];
    const hit = list.slice(seen).find((p) => test(p.diagnostics));
    if (hit) found = hit.diagnostics;
    return hit !== undefined;
  }, what);
  return found!;
}

describe('network rules across open files (push)', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = workspaceFolder();
    client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('editing a policy in one file clears, then raises, the finding in the other', async () => {
    const app = pathToFileURL(join(folder, 'web.yaml')).href;
    const pol = pathToFileURL(join(folder, 'policy.yaml')).href;
    await client.open(app, deployment('web', 'web'));
    const first = ingress(await client.diagnostics(app));
    assert.equal(first.length, 1);
    assert.deepEqual(first[0].range, { start: positionOf(client.text(app), 'web'), end: { ...positionOf(client.text(app), 'web'), character: positionOf(client.text(app), 'web').character + 3 } });

    await client.open(pol, policy('other'));
    await client.diagnostics(pol);
    let seen = client.published.get(app)!.length;
    await client.replace(pol, 'app: other', 'app: web');
    await nextPublished(client, app, seen, (d) => ingress(d).length === 0, 'the finding to clear');

    seen = client.published.get(app)!.length;
    await client.replace(pol, 'app: web', 'app: nope');
    await nextPublished(client, app, seen, (d) => ingress(d).length === 1, 'the finding to come back');

    // Deleting the policy's text (an open, unsaved buffer) counts as much as deleting the file.
    await client.replace(pol, 'app: nope', 'app: web');
    seen = client.published.get(app)!.length;
    await nextPublished(client, app, seen - 1, (d) => ingress(d).length === 0, 'the finding to clear again');
    seen = client.published.get(app)!.length;
    await client.change(pol, [{ range: { start: { line: 0, character: 0 }, end: positionOf(client.text(pol), 'spec:') }, text: '' }]);
    await nextPublished(client, app, seen, (d) => ingress(d).length === 1, 'the finding after the policy is gone');
    await client.close(pol);
    await client.close(app);
  });

  test('typing in a policy, broken at each keystroke, never raises the finding in the other file', async () => {
    const app = pathToFileURL(join(folder, 'typed-web.yaml')).href;
    const pol = pathToFileURL(join(folder, 'typed-policy.yaml')).href;
    await client.open(pol, policy('typed'));
    await client.diagnostics(pol);
    await client.open(app, deployment('typed', 'typed'));
    assert.equal(ingress(await client.diagnostics(app)).length, 0);
    const seen = client.published.get(app)!.length;
    for (const [from, to] of [
      ['podSelector:', 'podSelector: {'],
      ['podSelector: {', 'podSelector: {m'],
    ]) {
      await client.replace(pol, from, to);
      assert.ok(
        (await client.diagnostics(pol)).some((d) => d.code === 'yaml-syntax'),
        `"${to}" does not parse`,
      );
    }
    // A publication for a change of facts would follow the policy's at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      client.published
        .get(app)!
        .slice(seen)
        .map((p) => ingress(p.diagnostics).length),
      client.published
        .get(app)!
        .slice(seen)
        .map(() => 0),
    );
    await client.replace(pol, 'podSelector: {m', 'podSelector:');
    await client.replace(pol, 'app: typed', 'app: other');
    await nextPublished(client, app, seen, (d) => ingress(d).length === 1, 'the finding once the policy parses and selects something else');
    await client.close(pol);
    await client.close(app);
  });

  test('a policy on disk counts; deleting the file (watched-file event) raises the finding', async () => {
    const policyPath = join(folder, 'disk', 'policy.yaml');
    mkdirSync(join(folder, 'disk'));
    writeFileSync(policyPath, policy('disk'));
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(policyPath).href, type: 1 }] });
    const app = pathToFileURL(join(folder, 'disk', 'app.yaml')).href;
    await client.open(app, deployment('disk-app', 'disk'));
    const seenOpen = 0;
    await nextPublished(client, app, seenOpen, (d) => ingress(d).length === 0, 'no finding while the policy exists');

    const hover = await client.hover(app, positionOf(client.text(app), 'disk-app'));
    const text = JSON.stringify(hover?.contents);
    assert.match(text, /allow-web/);
    assert.match(text, /\[policy\.yaml:4\]\(file:\/\/.*\/disk\/policy\.yaml#L4\)/);

    const seen = client.published.get(app)!.length;
    unlinkSync(policyPath);
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(policyPath).href, type: 3 }] });
    await nextPublished(client, app, seen, (d) => ingress(d).length === 1, 'the finding after deletion');
    const none = await client.hover(app, positionOf(client.text(app), 'disk-app'));
    assert.match(JSON.stringify(none?.contents), /No NetworkPolicy of the workspace selects/);
    await client.close(app);
  });

  // The new-file variant needs a client that can create files (resourceOperations); the engine tests cover its text.
  test('the quick fix appends a policy to the file, and the finding goes', async () => {
    const app = pathToFileURL(join(folder, 'fix.yaml')).href;
    await client.open(app, deployment('fix-me', 'fix-me'));
    const [finding] = ingress(await client.diagnostics(app));
    assert.ok(finding);
    const actions = await client.codeActions(app, finding.range, [finding]);
    const titles = actions.map((a) => a.title);
    const title = 'Add a NetworkPolicy for fix-me admitting its whole namespace (no caller found in the workspace)';
    assert.ok(titles.includes(title), titles.join(', '));

    const append = actions.find((a) => a.title === title)!;
    const text = await client.apply(app, append.edit!);
    assert.match(text, /\n---\n# .+\napiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-fix-me\n  namespace: shop\n/);
    assert.match(text, /    ports:\n    - protocol: TCP\n      port: 8080\n$/);
    assert.deepEqual(ingress(await client.diagnostics(app)), []);
    await client.close(app);
  });
});

describe('the new-file quick fix', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = workspaceFolder();
    client = await TestClient.start({ pull: false, workspaceFolders: [folder], createFiles: true });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('creates the policy file beside the manifest, and is not offered when that file exists', async () => {
    const app = pathToFileURL(join(folder, 'api.yaml')).href;
    await client.open(app, deployment('api', 'api'));
    const [finding] = ingress(await client.diagnostics(app));
    const actions = await client.codeActions(app, finding.range, [finding]);
    const create = actions.find((a) => a.title.includes('new file'));
    assert.ok(create, actions.map((a) => a.title).join(', '));
    // The client applies edits the server sends: the new file is written by the command that follows.
    const changes = (create.edit ?? (create.command!.arguments![0] as { edit: WorkspaceEdit }).edit).documentChanges!;
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri.endsWith('/api-network-policy.yaml')));

    writeFileSync(join(folder, 'api-network-policy.yaml'), '# taken\n');
    const again = await client.codeActions(app, finding.range, [finding]);
    assert.equal(
      again.some((a) => a.title.includes('new file')),
      false,
    );
    await client.close(app);
  });
});

describe('network rules across open files (pull, with refresh)', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = workspaceFolder();
    client = await TestClient.start({ pull: true, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a policy edit asks the client to refresh, and the other file then pulls the new result', async () => {
    const app = pathToFileURL(join(folder, 'web.yaml')).href;
    const pol = pathToFileURL(join(folder, 'policy.yaml')).href;
    await client.open(app, deployment('web', 'web'));
    await client.open(pol, policy('other'));
    assert.equal(ingress(await client.diagnostics(pol)).length, 0);
    assert.equal(ingress(await client.diagnostics(app)).length, 1);

    let refreshes = client.refreshes;
    await client.replace(pol, 'app: other', 'app: web');
    await client.diagnostics(pol);
    await client.waitFor(() => client.refreshes > refreshes, 'a diagnostic refresh');
    assert.equal(ingress(await client.diagnostics(app)).length, 0);

    refreshes = client.refreshes;
    await client.replace(pol, 'app: web', 'app: other');
    await client.diagnostics(pol);
    await client.waitFor(() => client.refreshes > refreshes, 'a second refresh');
    assert.equal(ingress(await client.diagnostics(app)).length, 1);
  });
});

describe('the workspace index honours exclusion globs', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = workspaceFolder();
    mkdirSync(join(folder, 'examples'));
    mkdirSync(join(folder, 'node_modules'));
    writeFileSync(join(folder, 'examples', 'policy.yaml'), policy('web'));
    writeFileSync(join(folder, 'node_modules', 'policy.yaml'), policy('web'));
    mkdirSync(join(folder, 'included'));
    writeFileSync(join(folder, 'included', 'policy.yaml'), policy('seen'));
    client = await TestClient.start({ pull: false, workspaceFolders: [folder], settings: { exclude: ['examples/**'] } });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('policies in excluded folders and node_modules do not isolate anything', async () => {
    // Once the included policy clears its workload's finding, the scan is known to be complete.
    const seenApp = pathToFileURL(join(folder, 'seen.yaml')).href;
    await client.open(seenApp, deployment('seen', 'seen'));
    await nextPublished(client, seenApp, 0, (d) => ingress(d).length === 0, 'the scan to index included/policy.yaml');
    const app = pathToFileURL(join(folder, 'web.yaml')).href;
    await client.open(app, deployment('web', 'web'));
    assert.equal(ingress(await client.diagnostics(app)).length, 1);
    // A file outside the excluded folder is indexed: writing one clears the finding.
    const seen = client.published.get(app)!.length;
    writeFileSync(join(folder, 'policy.yaml'), policy('web'));
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'policy.yaml')).href, type: 1 }] });
    await nextPublished(client, app, seen, (d) => ingress(d).length === 0, 'the finding to clear');
  });
});
