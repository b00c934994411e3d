// The real server renders a Kustomize overlay with the real `kubectl kustomize` (skipped with a reason
// without kubectl) when a file of its tree is opened or saved, never on a keystroke, logs the time, and
// publishes what the rendering adds on the file that causes it: the JSON 6902 removal of runAsNonRoot
// on its operation, labelled with the overlay. Without a Kustomize binary, one info on the overlay.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, TestClient } from './client';
import { overlayFiles, prodLines } from '../helpers/kustomize-overlays';
import { kubectlMissing } from '../helpers/kubectl';
import { tempTree } from '../helpers/temp-tree';

const noKubectl = kubectlMissing('overlays are not rendered');

const operation = 'overlays/prod/remove-non-root.yaml';
const renderedLogs = (client: TestClient) => client.logs.filter((l) => /^Overlay prod: rendered with kubectl kustomize in \d+ ms/.test(l));
const startedLogs = (client: TestClient) => client.logs.filter((l) => l === 'Overlay prod: rendering in the background.');
const fromOverlay = (d: Diagnostic) => d.code === 'run-as-non-root' && /\(in overlay prod\)$/.test(String(d.message));

const layout = () => tempTree('kube-harden-render-lsp-', overlayFiles);

describe('rendered Kustomize overlays in the editor (push)', { skip: noKubectl }, () => {
  let client: TestClient;
  let folder: string;
  const uri = (path: string) => pathToFileURL(join(folder, path)).href;
  before(async () => {
    ensureBuilt();
    folder = layout();
    client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('opening the 6902 patch renders its overlay and shows the removal on the operation line', async () => {
    const patch = uri(operation);
    await client.open(patch, overlayFiles[operation]);
    await client.waitFor(() => (client.published.get(patch) ?? []).some((p) => p.diagnostics.some(fromOverlay)), 'the rendered finding on the operation', 20000);
    const last = client.published.get(patch)!.at(-1)!.diagnostics.filter(fromOverlay);
    assert.equal(last.length, 1);
    assert.equal(last[0].range.start.line, prodLines.removeOp - 1);
    assert.ok(renderedLogs(client).length >= 1, client.logs.join('\n'));
  });

  test('typing does not render; saving does', async () => {
    const patch = uri(operation);
    const before = startedLogs(client).length;
    const done = renderedLogs(client).length;
    const published = client.published.get(patch)!.length;
    await client.notification('textDocument/didChange', {
      textDocument: { uri: patch, version: 2 },
      contentChanges: [{ text: overlayFiles[operation] + '# a comment\n' }],
    });
    await client.waitFor(() => client.published.get(patch)!.length > published, 'the diagnostics of the edit');
    await client.notification('textDocument/didSave', { textDocument: { uri: patch } });
    await client.waitFor(() => renderedLogs(client).length > done, 'a rendering on save', 20000);
    // A rendering starts with a log line, in the order the messages came: one for the save, none for the edit.
    assert.equal(startedLogs(client).length, before + 1, client.logs.join('\n'));
  });
});

describe('without a Kustomize binary (push)', () => {
  let client: TestClient;
  let folder: string;
  const uri = (path: string) => pathToFileURL(join(folder, path)).href;
  before(async () => {
    ensureBuilt();
    folder = layout();
    client = await TestClient.start({ pull: false, workspaceFolders: [folder], settings: { kustomize: { command: 'kube-harden-no-such-kustomize build' } } });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('one info on the overlay says how to get the rendered check', async () => {
    const overlay = uri('overlays/prod/kustomization.yaml');
    await client.open(overlay, overlayFiles['overlays/prod/kustomization.yaml']);
    await client.waitFor(() => (client.published.get(overlay) ?? []).some((p) => p.diagnostics.some((d) => d.code === 'kustomize-not-rendered')), 'the info on the overlay', 20000);
    const infos = client.published.get(overlay)!.at(-1)!.diagnostics;
    assert.equal(infos.length, 1);
    assert.equal(infos[0].severity, 3);
    assert.match(String(infos[0].message), /install kubectl/);
  });
});

describe('rendered Kustomize overlays in the editor (pull)', { skip: noKubectl }, () => {
  let client: TestClient;
  let folder: string;
  const uri = (path: string) => pathToFileURL(join(folder, path)).href;
  before(async () => {
    ensureBuilt();
    folder = layout();
    client = await TestClient.start({ pull: true, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a rendering refreshes the diagnostics, and the pulled ones hold the mapped finding', async () => {
    const patch = uri(operation);
    await client.open(patch, overlayFiles[operation]);
    await client.waitFor(() => renderedLogs(client).length > 0 && client.refreshes > 0, 'a rendering and a refresh', 20000);
    const pulled = (await client.diagnostics(patch)).filter(fromOverlay);
    assert.deepEqual(
      pulled.map((d) => d.range.start.line),
      [prodLines.removeOp - 1],
    );
  });
});
