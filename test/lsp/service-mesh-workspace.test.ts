// Protocol test for the service-mesh family: editing a PeerAuthentication in one open document
// re-diagnoses a workload in another open document (its effective mTLS mode changes), and the
// workload's hover shows the mode and links the policy it comes from.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, positionOf, TestClient } from './client';

const rule = 'mesh-workload-mtls-not-strict';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.0
`;

const peerAuthentication = (mode: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: ${mode}
`;

const mtls = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === rule);

async function nextPublished(client: TestClient, uri: string, seen: number, test: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  let found: Diagnostic[] | undefined;
  await client.waitFor(() => {
    const hit = (client.published.get(uri) ?? []).slice(seen).find((p) => test(p.diagnostics));
    if (hit) found = hit.diagnostics;
    return hit !== undefined;
  }, what);
  return found!;
}

describe('service-mesh rules across open files', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-mesh-'));
    client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('editing a PeerAuthentication in one document re-diagnoses the workload in another', async () => {
    const app = pathToFileURL(join(folder, 'web.yaml')).href;
    const pa = pathToFileURL(join(folder, 'mtls.yaml')).href;
    await client.open(app, deployment);
    assert.deepEqual(mtls(await client.diagnostics(app)), [], 'no PeerAuthentication yet: mTLS is not configured here');

    let seen = client.published.get(app)!.length;
    await client.open(pa, peerAuthentication('PERMISSIVE'));
    const raised = mtls(await nextPublished(client, app, seen, (d) => mtls(d).length === 1, 'the finding once a PERMISSIVE policy is open'));
    const name = positionOf(client.text(app), 'web');
    assert.deepEqual(raised[0].range, { start: name, end: { ...name, character: name.character + 3 } });
    const message = raised[0].message;
    assert.match(typeof message === 'string' ? message : message.value, /effective Istio mTLS mode is PERMISSIVE \(namespace-level PeerAuthentication "default"\)/);

    const hover = JSON.stringify((await client.hover(app, name))?.contents);
    assert.match(hover, /Istio mTLS: PERMISSIVE/);
    assert.match(hover, /mtls\.yaml/);

    seen = client.published.get(app)!.length;
    await client.replace(pa, 'mode: PERMISSIVE', 'mode: STRICT');
    await nextPublished(client, app, seen, (d) => mtls(d).length === 0, 'the finding to clear when the policy becomes STRICT');
    assert.match(JSON.stringify((await client.hover(app, name))?.contents), /Istio mTLS: STRICT/);

    seen = client.published.get(app)!.length;
    await client.replace(pa, 'mode: STRICT', 'mode: DISABLE');
    await nextPublished(client, app, seen, (d) => mtls(d).length === 1, 'the finding to come back with DISABLE');
    await client.close(pa);
    await client.close(app);
  });
});
