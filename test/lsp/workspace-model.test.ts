// The workspace model through the real scan: a file holding only a Secret is indexed, so "Move to a
// Secret" offers the key of a Secret in a closed file (in the editor and in the CLI); a workspace
// whose folder is a Windows path with a drive letter (`file:///c%3A/…`) gets its cross-file findings.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { mergeConfig } from '../../server/src/engine';
import { runCheck } from '../../server/src/cli/run-check';
import { startServer } from '../../server/src/lsp/server';
import { rules } from '../../rules';
import { MemoryFileSystem } from '../helpers/memory-fs';
import { ensureBuilt, positionOf, TestClient } from './client';

const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  DB_PASSWORD: from-the-vault-export\n';
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: shop}
    spec:
      containers:
      - name: app
        image: x
        env:
        - name: DB_PASSWORD
          value: "Cccc2222dddd"
`;
const existing = 'Use key DB_PASSWORD of the existing Secret db (secrets.yaml) for DB_PASSWORD';

describe('a file that holds only a Secret', () => {
  let folder: string;
  before(() => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-model-'));
    writeFileSync(join(folder, 'secrets.yaml'), secret);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('is indexed by the server, which offers its key from the closed file', async () => {
    const client = await TestClient.start({ workspaceFolders: [folder], documentChanges: true, createFiles: true });
    try {
      const uri = pathToFileURL(join(folder, 'deploy.yaml')).href;
      await client.open(uri, deployment);
      // The initial scan runs in the background: the diagnostics are re-published once it lands.
      let titles: string[] = [];
      await client.waitFor(() => (client.published.get(uri)?.length ?? 0) >= 1, 'diagnostics');
      for (let round = 0; round < 50 && !titles.includes(existing); round++) {
        const diagnostics = (await client.diagnostics(uri)).filter((d) => d.code === 'secret-in-env');
        assert.equal(diagnostics.length, 1);
        const at = positionOf(client.text(uri), 'Cccc2222dddd');
        titles = (await client.codeActions(uri, { start: at, end: at }, diagnostics)).map((a) => a.title);
        if (!titles.includes(existing)) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(titles.includes(existing), titles.join('\n'));
    } finally {
      await client.stop();
    }
  });

  test('is read by the CLI, which offers the same', async () => {
    const result = await runCheck({ paths: ['.'], cwd: folder, config: mergeConfig(), rules, fix: false });
    writeFileSync(join(folder, 'deploy.yaml'), deployment);
    const again = await runCheck({ paths: ['.'], cwd: folder, config: mergeConfig(), rules, fix: false });
    assert.equal(result.findings.filter((f) => f.finding.ruleId === 'secret-in-env').length, 0);
    const finding = again.findings.find((f) => f.finding.ruleId === 'secret-in-env')!.finding;
    assert.ok(
      finding.suggestions.some((s) => s.title === existing),
      finding.suggestions.map((s) => s.title).join('\n'),
    );
  });
});

describe('a Windows workspace (drive letter, percent-encoded colon)', () => {
  test('is scanned, and a policy in a closed file clears the finding of an open workload', async () => {
    const fs = new MemoryFileSystem(true, {
      'C:\\work\\shop\\policy.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: {app: web}\n',
      'C:\\work\\shop\\node_modules\\x\\policy.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ignored\n  namespace: shop\nspec:\n  podSelector: {}\n',
    });
    const client = await TestClient.inProcess({ workspaceFolderUris: ['file:///c%3A/work/shop'] }, (reader, writer) =>
      startServer(createConnection(new StreamMessageReader(reader), new StreamMessageWriter(writer)), { fs, style: { windows: true } }),
    );
    try {
      const web = 'file:///c%3A/work/shop/web.yaml';
      const api = 'file:///c%3A/work/shop/api.yaml';
      const workload = (name: string) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: app\n        image: x\n`;
      await client.open(api, workload('api'));
      await client.open(web, workload('web'));
      const isolated = (uri: string) => (client.published.get(uri)?.at(-1)?.diagnostics ?? []).every((d) => d.code !== 'network-ingress-isolation');
      await client.waitFor(() => isolated(web) && (client.published.get(api)?.length ?? 0) > 0 && !isolated(api), 'web isolated by the policy on disk, api not');
      const hover = await client.hover(web, positionOf(client.text(web), 'web'));
      assert.match(JSON.stringify(hover?.contents), /\[policy\.yaml:4\]\(file:\/\/\/[cC]:\/work\/shop\/policy\.yaml#L4\)/);
    } finally {
      await client.stop();
    }
  });
});
