// The image scan through the protocol: `kubeHarden/scanImages` with the client's progress token (as
// the VS Code client sends it) and `kubeHarden.server.scanImages` with the server's own cancellable
// progress (other editors), against stub `trivy` and `grype` on the server's PATH that print real
// reports; the diagnostics and the hover that follow; cancellation; no scanner; and a report in the
// workspace folder read by the index.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, messageOf, positionOf, TestClient } from './client';
import { callsOf, realReport, scannerReports, scannerStub } from '../helpers/scanner-stub';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `kube-harden-lsp-${prefix}-`));
const pod = (...images: string[]) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n${images.map((image, i) => `    - name: c${i}\n      image: ${image}\n`).join('')}`;
const vulnerabilities = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'image-vulnerabilities').map((d) => `${d.severity} ${messageOf(d)}`);

/** Waits for something no notification announces (a stub's arguments file). */
async function poll(test: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Progress {
  token: string | number;
  value: { kind: string; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

function recordProgress(client: TestClient): Progress[] {
  const seen: Progress[] = [];
  client.connection.onNotification('$/progress', (params: Progress) => void seen.push(params));
  client.connection.onRequest('window/workDoneProgress/create', () => null);
  return seen;
}

describe('scanning the images of a document', { skip: !existsSync(scannerReports) && 'the reference reports are not there' }, () => {
  before(ensureBuilt);
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
  });

  test('kubeHarden/scanImages reports progress to the client token, then the diagnostics and hover show the scan', async () => {
    const argsFile = join(temp('args'), 'args');
    const stub = scannerStub({ name: 'trivy', stdout: realReport('trivy/debian-buster.json'), argsFile });
    const client = await TestClient.start({ pull: true, env: { PATH: stub.dir, KUBE_HARDEN_SCAN_CACHE: temp('cache') } });
    clients.push(client);
    const progress = recordProgress(client);
    const uri = pathToFileURL(join(temp('docs'), 'pod.yaml')).href;
    const text = pod('nginx:1.25', 'redis:7', 'nginx:1.25');
    await client.open(uri, text);
    assert.deepEqual(vulnerabilities(await client.diagnostics(uri)), []);

    const result = await client.request<{ scanner: string; scanned: string[]; cached: string[]; message: string }>('kubeHarden/scanImages', { textDocument: { uri }, workDoneToken: 'scan-1' });
    assert.deepEqual({ scanner: result.scanner, scanned: result.scanned, cached: result.cached }, { scanner: 'trivy', scanned: ['nginx:1.25', 'redis:7'], cached: [] });
    assert.equal(result.message, 'kube-harden: 2 of 2 image(s) scanned with trivy.');
    assert.deepEqual(
      callsOf(argsFile).map((a) => a[a.length - 1]),
      ['nginx:1.25', 'redis:7'],
    );
    assert.deepEqual(
      progress.filter((p) => p.token === 'scan-1').map((p) => p.value.kind),
      ['begin', 'report', 'report', 'end'],
    );
    const begin = progress.find((p) => p.value.kind === 'begin')!.value;
    assert.equal(begin.cancellable, true);
    assert.match(progress.filter((p) => p.value.kind === 'report')[1].value.message!, /redis:7 \(2\/2\)/);

    await client.waitFor(() => client.refreshes > 0, 'a diagnostics refresh');
    assert.deepEqual(vulnerabilities(await client.diagnostics(uri)), [
      '2 image "nginx:1.25" has 1 critical, 1 low vulnerabilities (trivy, 2021-08-25)',
      '2 image "redis:7" has 1 critical, 1 low vulnerabilities (trivy, 2021-08-25)',
      '2 image "nginx:1.25" has 1 critical, 1 low vulnerabilities (trivy, 2021-08-25)',
    ]);
    const hover = await client.hover(uri, positionOf(text, 'redis:7'));
    const markdown = JSON.stringify(hover?.contents);
    assert.match(markdown, /CVE-2019-18224\]\(https:\/\/avd\.aquasec\.com\/nvd\/cve-2019-18224\)/);
    assert.match(markdown, /fixed in 2\.0\.5-1\+deb10u1/);

    // Again: from the cache, no scanner run.
    const again = await client.request<{ cached: string[] }>('kubeHarden/scanImages', { textDocument: { uri } });
    assert.deepEqual(again.cached, ['nginx:1.25', 'redis:7']);
    assert.equal(callsOf(argsFile).length, 2);
  });

  test('the server command (other editors) makes its own cancellable progress; cancelling stops the scanner', async () => {
    const argsFile = join(temp('args'), 'args');
    const stub = scannerStub({ name: 'grype', hang: true, argsFile });
    const client = await TestClient.start({ workDoneProgress: true, env: { PATH: stub.dir, KUBE_HARDEN_SCAN_CACHE: temp('cache') } });
    clients.push(client);
    const progress = recordProgress(client);
    const uri = pathToFileURL(join(temp('docs'), 'pod.yaml')).href;
    await client.open(uri, pod('nginx:1.25', 'redis:7'));
    const running = client.request<{ cancelled: boolean; scanned: string[] }>('workspace/executeCommand', { command: 'kubeHarden.server.scanImages', arguments: [uri] });
    await poll(() => callsOf(argsFile).length > 0 && progress.some((p) => p.value.kind === 'begin'), 'the scan running');
    const token = progress.find((p) => p.value.kind === 'begin')!.token;
    await client.notification('window/workDoneProgress/cancel', { token });
    const result = await running;
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.scanned, []);
    assert.equal(callsOf(argsFile).length, 1, 'the second image is not scanned');
    assert.ok(progress.some((p) => p.token === token && p.value.kind === 'end'));
  });

  test('a document opened later shows the cached scans of its images at once, without a scanner', async () => {
    const cache = temp('cache');
    const stub = scannerStub({ name: 'grype', stdout: realReport('grype/json-image.json') });
    const first = await TestClient.start({ pull: true, env: { PATH: stub.dir, KUBE_HARDEN_SCAN_CACHE: cache } });
    clients.push(first);
    const uri = pathToFileURL(join(temp('docs'), 'pod.yaml')).href;
    await first.open(uri, pod('app:3'));
    await first.request('kubeHarden/scanImages', { textDocument: { uri } });
    const later = await TestClient.start({ pull: true, env: { PATH: temp('empty'), KUBE_HARDEN_SCAN_CACHE: cache } });
    clients.push(later);
    await later.open(uri, pod('app:3'));
    await later.waitFor(() => later.refreshes > 0, 'a refresh after the cached scans');
    // Dated by the run: the report does not say when.
    const found = vulnerabilities(await later.diagnostics(uri));
    assert.equal(found.length, 1);
    assert.match(found[0], /^2 image "app:3" has 1 critical, 1 low vulnerabilities \(grype, \d{4}-\d{2}-\d{2}\)$/);
  });

  test('a report open in the editor counts as its editor text says, and gets no diagnostics itself', async () => {
    const folder = temp('ws');
    const report = (severity: string) =>
      JSON.stringify(
        {
          SchemaVersion: 2,
          ArtifactName: 'app:9',
          CreatedAt: '2026-12-01T00:00:00Z',
          Results: [{ Vulnerabilities: [{ VulnerabilityID: 'CVE-2026-1', PkgName: 'p', InstalledVersion: '1', Severity: severity }] }],
        },
        null,
        1,
      );
    writeFileSync(join(folder, 'report.json'), report('CRITICAL'));
    const client = await TestClient.start({ pull: true, workspaceFolders: [folder], env: { PATH: temp('empty') } });
    clients.push(client);
    const manifest = pathToFileURL(join(folder, 'pod.yaml')).href;
    const reportUri = pathToFileURL(join(folder, 'report.json')).href;
    await client.open(manifest, pod('app:9'));
    await client.open(reportUri, report('CRITICAL'), 'json');
    let found: string[] = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      found = vulnerabilities(await client.diagnostics(manifest));
      if (found.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(found, ['2 image "app:9" has 1 critical vulnerability (trivy, 2026-12-01)']);
    assert.deepEqual(await client.diagnostics(reportUri), []);
    await client.replace(reportUri, '"CRITICAL"', '"LOW"');
    await client.diagnostics(reportUri);
    assert.deepEqual(vulnerabilities(await client.diagnostics(manifest)), ['3 image "app:9" has 1 low vulnerability (trivy, 2026-12-01)']);
  });

  test('no scanner: one message saying how to get one, and no finding', async () => {
    const client = await TestClient.start({ pull: true, env: { PATH: temp('empty'), KUBE_HARDEN_SCAN_CACHE: temp('cache') } });
    clients.push(client);
    const uri = pathToFileURL(join(temp('docs'), 'pod.yaml')).href;
    await client.open(uri, pod('nginx:1.25'));
    const result = await client.request<{ scanner: null; message: string }>('kubeHarden/scanImages', { textDocument: { uri } });
    assert.equal(result.scanner, null);
    assert.match(result.message, /no image scanner found: install Trivy \(https:\/\/trivy\.dev\) or Grype/);
    assert.deepEqual(vulnerabilities(await client.diagnostics(uri)), []);
  });

  test('a report in the workspace folder, whatever its name, attaches to the open manifest', async () => {
    const folder = temp('ws');
    writeFileSync(join(folder, 'scan-output.json'), realReport('trivy/alpine-39-high-critical.json'));
    const client = await TestClient.start({ pull: true, workspaceFolders: [folder], env: { PATH: temp('empty') } });
    clients.push(client);
    const uri = pathToFileURL(join(folder, 'pod.yaml')).href;
    await client.open(uri, pod('ghcr.io/aquasecurity/trivy-test-images:alpine-39'));
    // The folder's first scan ends some time after the document opened.
    let found: string[] = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      found = vulnerabilities(await client.diagnostics(uri));
      if (found.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(found, ['2 image "ghcr.io/aquasecurity/trivy-test-images:alpine-39" has 2 critical vulnerabilities (trivy, 2021-08-25)']);
  });
});
