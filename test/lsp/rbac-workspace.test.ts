// Protocol test for the RBAC permission graph: a workload open in one document, its role and
// binding in another; editing the binding raises, then clears, the workload's finding without
// touching its document; hover on the workload lists what its ServiceAccount may do.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, positionOf, TestClient } from './client';

const rule = 'rbac-workload-permissions';

const workload = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
  namespace: shop
spec:
  selector:
    matchLabels:
      app: catalog
  template:
    metadata:
      labels:
        app: catalog
    spec:
      serviceAccountName: catalog
      containers:
        - name: app
          image: registry.example.com/catalog:1.0
`;

const rbac = (subject: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: secret-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: catalog-secrets
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
subjects:
  - kind: ServiceAccount
    name: ${subject}
    namespace: shop
`;

const own = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === rule);

async function nextPublished(client: TestClient, uri: string, seen: number, test: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  let found: Diagnostic[] | undefined;
  await client.waitFor(() => {
    const hit = (client.published.get(uri) ?? []).slice(seen).find((p) => test(p.diagnostics));
    if (hit) found = hit.diagnostics;
    return hit !== undefined;
  }, what);
  return found!;
}

describe('the RBAC permission graph across open documents', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-rbac-'));
    client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test("editing a binding in one document raises, then clears, the open workload's finding", async () => {
    const app = pathToFileURL(join(folder, 'catalog.yaml')).href;
    const roles = pathToFileURL(join(folder, 'rbac.yaml')).href;
    await client.open(app, workload);
    assert.deepEqual(own(await client.diagnostics(app)), []);

    await client.open(roles, rbac('orders'));
    await client.diagnostics(roles);
    let seen = client.published.get(app)!.length;
    await client.replace(roles, 'name: orders', 'name: catalog');
    const [finding] = own(await nextPublished(client, app, seen, (d) => own(d).length === 1, 'the finding to appear'));
    const at = positionOf(client.text(app), 'catalog\n      containers');
    assert.deepEqual(finding.range, { start: at, end: { line: at.line, character: at.character + 'catalog'.length } });
    assert.match(String(finding.message), /can read Secrets in namespace shop through RoleBinding "catalog-secrets" to Role "secret-reader"/);

    const hover = await client.hover(app, positionOf(client.text(app), 'catalog'));
    const text = JSON.stringify(hover?.contents);
    assert.match(text, /Permissions of ServiceAccount `catalog`/);
    assert.match(text, /can get, list secrets/);
    assert.match(text, /\[rbac\.yaml:7\]\(file:\/\/.*\/rbac\.yaml#L7\)/);

    seen = client.published.get(app)!.length;
    await client.replace(roles, 'verbs: [get, list]', 'verbs: [create]');
    await nextPublished(client, app, seen, (d) => own(d).length === 0, 'the finding to clear');
    await client.close(roles);
    await client.close(app);
  });
});
