// Issue 17, defect 12: in pull mode the workspace model takes an open document's editor text when it
// changes, not when the client pulls that document. A policy edited in one editor counts for the
// workload in another as soon as the workload is pulled, though the policy's file never is, and the
// client is asked to refresh without pulling anything.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, TestClient } from './client';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.0
`;

const policy = (app: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: isolate-web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: ${app}
  policyTypes:
    - Ingress
`;

const isolation = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'network-ingress-isolation');

describe('pull mode: an edited policy in another open editor (not pulled)', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-pull-open-'));
    writeFileSync(join(folder, 'web.yaml'), deployment);
    writeFileSync(join(folder, 'policy.yaml'), policy('web'));
    client = await TestClient.start({ pull: true, workspaceFolders: [folder] });
    // The initial scan read the disk copies: it asks for a refresh when it lands.
    await client.waitFor(() => client.refreshes > 0, 'the initial scan');
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('counts for the workload pulled after the edit, and again after re-editing', async () => {
    const web = pathToFileURL(join(folder, 'web.yaml')).href;
    const pol = pathToFileURL(join(folder, 'policy.yaml')).href;
    await client.open(web, deployment);
    await client.open(pol, policy('web'));
    assert.deepEqual(isolation(await client.diagnostics(web)), []);

    // Nothing is pulled between the edit and the refresh: the edit alone reaches the model.
    let refreshes = client.refreshes;
    await client.replace(pol, 'app: web', 'app: other');
    await client.waitFor(() => client.refreshes > refreshes, 'a refresh after the policy edit');
    assert.equal(isolation(await client.diagnostics(web)).length, 1, 'the edited policy no longer selects the workload');

    refreshes = client.refreshes;
    await client.replace(pol, 'app: other', 'app: web');
    await client.waitFor(() => client.refreshes > refreshes, 'a refresh after the second edit');
    assert.deepEqual(isolation(await client.diagnostics(web)), [], 'the policy selects it again');
    await client.close(pol);
    await client.close(web);
  });

  // The pull follows the edit at once, before the server's own analysis of the edit may have run.
  test('a policy pulled once, then edited and not pulled, counts as edited', async () => {
    const web = pathToFileURL(join(folder, 'web.yaml')).href;
    const pol = pathToFileURL(join(folder, 'policy.yaml')).href;
    await client.open(web, deployment);
    await client.open(pol, policy('web'));
    await client.diagnostics(pol);
    assert.deepEqual(isolation(await client.diagnostics(web)), []);
    await client.replace(pol, 'app: web', 'app: elsewhere');
    assert.equal(isolation(await client.diagnostics(web)).length, 1);
    await client.replace(pol, 'app: elsewhere', 'app: web');
    assert.deepEqual(isolation(await client.diagnostics(web)), []);
    await client.close(pol);
    await client.close(web);
  });
  // A newly opened document's settings are a round trip to the client: its own analysis waits for
  // them, and the workload's pull, whose settings are cached, must wait for that analysis too.
  test('a policy opened just before the workload is pulled counts', async () => {
    const web = pathToFileURL(join(folder, 'web.yaml')).href;
    await client.open(web, deployment.replace(/app: web/g, 'app: late-0'));
    for (let i = 0; i < 10; i++) {
      if (i > 0) for (let n = 0; n < 2; n++) await client.replace(web, `app: late-${i - 1}`, `app: late-${i}`);
      assert.equal(isolation(await client.diagnostics(web)).length, 1, `round ${i}, no policy selects it yet`);
      await client.open(pathToFileURL(join(folder, `late-policy-${i}.yaml`)).href, policy(`late-${i}`));
      assert.deepEqual(isolation(await client.diagnostics(web)), [], `round ${i}`);
    }
  });
});
