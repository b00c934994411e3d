// Protocol tests for diagnostics: exact ranges, incremental changes, push (Neovim 0.7-like) and
// pull (VS Code-like) delivery, line endings and byte-order marks, and YAML that is not Kubernetes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { createProtocolConnection, Diagnostic, DiagnosticSeverity, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, positionOf, serverPath, TestClient, uniqueUri } from './client';

export const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

function byRule(diagnostics: Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === ruleId);
}

describe('diagnostics over push (no pull capability)', () => {
  let client: TestClient;
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: false });
  });
  after(() => client.stop());

  test('the server declares incremental sync, saves without text (charts and overlays render on save) and no diagnostic provider', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.equal(caps.diagnosticProvider, undefined);
  });

  test('open → diagnostics on the exact value and on the securityContext that lacks a field', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    const diagnostics = await client.diagnostics(uri);
    const privileged = byRule(diagnostics, 'privileged-container');
    assert.equal(privileged.length, 1);
    // `true` of `privileged: true` on line 9 (0-based), after 8 spaces and `privileged: `.
    assert.deepEqual(privileged[0].range, { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } });
    assert.equal(privileged[0].severity, DiagnosticSeverity.Error);
    assert.equal(privileged[0].source, 'kube-harden');
    assert.match(privileged[0].codeDescription!.href, /privileged-container\.md$/);
    // Code actions find the finding by code and range: nothing else travels with each diagnostic.
    assert.equal(privileged[0].data, undefined);
    // runAsNonRoot is missing altogether: the finding points at the container's securityContext key, where it goes.
    const nonRoot = byRule(diagnostics, 'run-as-non-root');
    assert.equal(nonRoot.length, 1);
    const at = positionOf(pod, 'securityContext');
    assert.deepEqual(nonRoot[0].range, { start: at, end: { ...at, character: at.character + 'securityContext'.length } });
    assert.equal(nonRoot[0].severity, DiagnosticSeverity.Warning);
    const published = client.published.get(uri)!;
    assert.equal(published[published.length - 1].version, 1);
  });

  test('an incremental change updates the diagnostics of the new version', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    assert.equal(byRule(await client.diagnostics(uri), 'privileged-container').length, 1);
    await client.replace(uri, 'privileged: true', 'privileged: false');
    const after = await client.diagnostics(uri);
    assert.equal(byRule(after, 'privileged-container').length, 0);
    assert.ok(byRule(after, 'run-as-non-root').length > 0);
    // Two quick changes: the last version wins and earlier results are never published after it.
    await client.replace(uri, 'privileged: false', 'privileged: true');
    await client.replace(uri, '    - name: app', '    - name: app2');
    const latest = await client.diagnostics(uri);
    assert.equal(byRule(latest, 'privileged-container').length, 1);
    const versions = client.published.get(uri)!.map((p) => p.version!);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
    );
  });

  test('a status notification follows each diagnosis', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    const diagnostics = await client.diagnostics(uri);
    await client.waitFor(() => client.statuses.some((s) => s.uri === uri), 'status');
    const status = client.statuses.filter((s) => s.uri === uri).pop()!;
    assert.equal(status.level, 'restricted');
    assert.equal(status.kubernetesVersion, '1.37');
    assert.equal(status.checked, true);
    assert.equal(status.total, diagnostics.length);
    assert.equal(status.errors, diagnostics.filter((d) => d.severity === 1).length);
  });

  test('CRLF line endings and a byte-order mark keep exact ranges', async () => {
    const crlf = pod.replace(/\n/g, '\r\n');
    const uri = uniqueUri('crlf.yaml');
    await client.open(uri, crlf);
    const [d] = byRule(await client.diagnostics(uri), 'privileged-container');
    assert.deepEqual(d.range, { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } });

    const bom = '\uFEFF' + pod;
    const bomUri = uniqueUri('bom.yaml');
    await client.open(bomUri, bom);
    const [b] = byRule(await client.diagnostics(bomUri), 'privileged-container');
    assert.deepEqual(b.range, { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } });
    // On the first line the byte-order mark counts as one UTF-16 unit, as the client's text has it.
    const first = '\uFEFFapiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x, securityContext: {privileged: true}}]}\n';
    const firstUri = uniqueUri('bom-first.yaml');
    await client.open(firstUri, first);
    const [f] = byRule(await client.diagnostics(firstUri), 'privileged-container');
    assert.deepEqual(f.range.start, positionOf(first, 'true'));
  });

  test('a multi-document file reports per document and closing clears the diagnostics', async () => {
    const uri = uniqueUri('multi.yaml');
    const text = `${pod}---\n${pod.replace('name: web', 'name: api')}`;
    await client.open(uri, text);
    const privileged = byRule(await client.diagnostics(uri), 'privileged-container');
    assert.deepEqual(
      privileged.map((d) => d.range.start.line),
      [9, 20],
    );
    await client.close(uri);
    await client.waitFor(() => client.published.get(uri)!.at(-1)!.diagnostics.length === 0, 'cleared diagnostics');
  });

  for (const [name, text] of [
    [
      'a GitHub workflow',
      `name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo \${{ github.sha }}\n        env:\n          privileged: true\n`,
    ],
    ['a docker-compose file', `services:\n  web:\n    image: nginx\n    privileged: true\n    network_mode: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n`],
    [
      'an OpenAPI document',
      `openapi: 3.0.0\ninfo: {title: api, version: "1"}\npaths:\n  /pods:\n    get:\n      responses:\n        "200": {description: ok}\ncomponents:\n  schemas:\n    Pod:\n      type: object\n      properties:\n        kind: {type: string}\n        apiVersion: {type: string}\n`,
    ],
    ['Helm values', `replicaCount: 1\nimage:\n  repository: nginx\nsecurityContext:\n  privileged: true\n`],
  ] as const) {
    test(`${name} gets no diagnostics`, async () => {
      const uri = uniqueUri('other.yaml');
      await client.open(uri, text);
      assert.deepEqual(await client.diagnostics(uri), []);
      await client.waitFor(() => client.statuses.some((s) => s.uri === uri), 'status');
      assert.equal(client.statuses.filter((s) => s.uri === uri).pop()!.checked, false);
    });
  }
});

describe('diagnostics over pull (VS Code-like client)', () => {
  let client: TestClient;
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: true });
  });
  after(() => client.stop());

  test('the server offers pull diagnostics and never pushes', async () => {
    assert.ok(client.initializeResult.capabilities.diagnosticProvider);
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(byRule(diagnostics, 'privileged-container')[0].range, { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } });
    await client.replace(uri, 'privileged: true', 'privileged: false');
    assert.equal(byRule(await client.diagnostics(uri), 'privileged-container').length, 0);
    // A request the server must answer after the documents were handled: no publishDiagnostics came before it.
    await client.hover(uri, { line: 0, character: 0 });
    assert.equal(client.published.size, 0);
  });

  test('an unchanged document answers with an unchanged report', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    const first: { kind: string; resultId?: string } = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    const second: { kind: string } = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'unchanged');
  });

  test('a new version with the same diagnostics answers unchanged, so the editor keeps its markers (and a pending Fix All)', async () => {
    const uri = uniqueUri('same.yaml');
    await client.open(uri, pod);
    const first: { kind: string; resultId?: string } = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    // Same length, no finding about the image: every diagnostic keeps its range and text.
    await client.change(uri, [{ range: { start: { line: 7, character: 20 }, end: { line: 7, character: 22 } }, text: '28' }]);
    const second: { kind: string; resultId?: string } = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'unchanged');
    await client.change(uri, [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } }, text: 'false' }]);
    const third: { kind: string; items?: Diagnostic[] } = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: second.resultId });
    assert.equal(third.kind, 'full');
    assert.equal(byRule(third.items ?? [], 'privileged-container').length, 0);
  });

  test('many one-character changes in a 1,000-line manifest each get the diagnostics of their version', async () => {
    // Speed is measured by `npm run bench`, not here; this checks every version is answered for.
    const uri = uniqueUri('big.yaml');
    const parts: string[] = [];
    for (let i = 0; parts.join('---\n').split('\n').length < 1000; i++) parts.push(pod.replace('name: web', `name: web-${i}`));
    await client.open(uri, parts.join('---\n'));
    const initial = await client.diagnostics(uri);
    for (let i = 0; i < 15; i++) {
      await client.change(uri, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: 'x' }]);
      const after = await client.diagnostics(uri);
      assert.equal(after.length, initial.length);
    }
  });
});

describe('node IPC transport', () => {
  test('the bundled server speaks LSP over --node-ipc', async () => {
    ensureBuilt();
    const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result: { capabilities: { hoverProvider?: boolean } } = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.capabilities.hoverProvider, true);
      await connection.sendRequest('shutdown');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      await exited;
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});

describe('stdio transport', () => {
  /** The exit code of a server whose input ends after initialize, with or without a shutdown request first. */
  async function exitCodeWhenInputEnds(shutdown: boolean): Promise<number | null> {
    ensureBuilt();
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      if (shutdown) await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      return await exited;
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  }

  test('the server exits when its input ends: 0 after a shutdown request, 1 without one', async () => {
    assert.equal(await exitCodeWhenInputEnds(true), 0);
    assert.equal(await exitCodeWhenInputEnds(false), 1);
  });
});
