// The real bundled server, the real `kubectl kustomize` (skipped with a reason without it): a finding
// each overlay's rendering has on the base gets both layout fixes. The overlay's (a new patch file
// listed in its kustomization) clears that overlay's finding after a save and leaves the other
// overlay's; the base fix then clears both. A client that cannot create files gets the patch inline.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, ensureBuilt, TestClient } from './client';
import { kubectlMissing } from '../helpers/kubectl';
import { layoutFiles } from '../helpers/overlay-fix';
import { tempTree } from '../helpers/temp-tree';

const noKubectl = kubectlMissing('the layout fixes are not offered');
const base = 'base/deployment.yaml';
const inOverlay = (name: string) => (d: Diagnostic) => d.code === 'run-as-non-root' && String(d.message).endsWith(`(in overlay ${name})`);

/** Writes a workspace edit to disk as an editor does when it saves every file it changed: creations first, then text edits. */
function applyToDisk(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      mkdirSync(dirname(fileURLToPath(change.uri)), { recursive: true });
      writeFileSync(fileURLToPath(change.uri), '', { flag: 'wx' });
      continue;
    }
    const path = fileURLToPath((change as TextDocumentEdit).textDocument.uri);
    writeFileSync(path, applyTextEdits(readFileSync(path, 'utf8'), (change as TextDocumentEdit).edits as never));
    touched.push(path);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const path = fileURLToPath(uri);
    writeFileSync(path, applyTextEdits(readFileSync(path, 'utf8'), edits));
    touched.push(path);
  }
  return touched;
}

async function start(createFiles: boolean, files = layoutFiles) {
  ensureBuilt();
  const folder = tempTree('kube-harden-layout-fix-lsp-', files);
  const client = await TestClient.start({ pull: false, workspaceFolders: [folder], createFiles, documentChanges: true, settings: { podSecurityLevel: 'baseline' } });
  const uri = (path: string) => pathToFileURL(join(folder, path)).href;
  await client.open(uri(base), layoutFiles[base]);
  const latest = () => client.published.get(uri(base))?.at(-1)?.diagnostics ?? [];
  await client.waitFor(() => latest().some(inOverlay('prod')) && latest().some(inOverlay('staging')), 'the finding of each overlay on the base', 30000);
  const actionsFor = async (overlay: string): Promise<CodeAction[]> => {
    const diagnostic = latest().find(inOverlay(overlay))!;
    return client.codeActions(uri(base), diagnostic.range, [diagnostic], ['quickfix']);
  };
  return { folder, client, uri, latest, actionsFor };
}

describe('layout fixes of a base finding through overlays', { skip: noKubectl }, () => {
  let s: Awaited<ReturnType<typeof start>>;
  before(async () => (s = await start(true)));
  after(async () => {
    await s.client.stop();
    rmSync(s.folder, { recursive: true, force: true });
  });

  test('both fixes are offered: the base (every overlay) and a new patch file in this overlay only', async () => {
    assert.deepEqual(
      (await s.actionsFor('prod')).map((a) => a.title),
      ['Set runAsNonRoot: true for the pod in the base, for every overlay', 'Set runAsNonRoot: true for the pod in overlay prod only (new patch deployment-web-run-as-non-root.patch.yaml)'],
    );
  });

  test("the light bulb on a line with both overlays' findings: each overlay's fix, and the base fix once for both", async () => {
    const both = s.latest().filter((d) => inOverlay('prod')(d) || inOverlay('staging')(d));
    const actions = await s.client.codeActions(s.uri(base), both[0].range, both, ['quickfix']);
    const layout = actions.filter((a) => / in (the base|overlay \w+ only)/.test(a.title));
    assert.deepEqual(
      layout.map((a) => [a.title.replace('Set runAsNonRoot: true for the pod ', ''), a.diagnostics!.length]),
      [
        ['in the base, for every overlay', 2],
        ['in overlay prod only (new patch deployment-web-run-as-non-root.patch.yaml)', 1],
        ['in overlay staging only (new patch deployment-web-run-as-non-root.patch.yaml)', 1],
      ],
    );
  });

  test("the overlay's fix creates the patch and lists it; after a save only the other overlay still has the finding", async () => {
    const action = (await s.actionsFor('prod')).find((a) => a.title.endsWith('(new patch deployment-web-run-as-non-root.patch.yaml)'))!;
    const patchUri = s.uri('overlays/prod/deployment-web-run-as-non-root.patch.yaml');
    assert.deepEqual(
      action.edit!.documentChanges!.map((c) => (CreateFile.is(c) ? `create ${c.uri}` : (c as TextDocumentEdit).textDocument.uri)),
      [`create ${patchUri}`, patchUri, s.uri('overlays/prod/kustomization.yaml')],
    );
    applyToDisk(action.edit!);
    assert.match(
      readFileSync(join(s.folder, 'overlays/prod/deployment-web-run-as-non-root.patch.yaml'), 'utf8'),
      /^# kube-harden: run-as-non-root, in overlay prod only\.\napiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}name: web\n/,
    );
    await s.client.notification('textDocument/didSave', { textDocument: { uri: s.uri(base) } });
    await s.client.waitFor(() => !s.latest().some(inOverlay('prod')) && s.latest().some(inOverlay('staging')), 'prod fixed, staging not', 30000);
    assert.equal(readFileSync(join(s.folder, base), 'utf8'), layoutFiles[base]);
    // As an editor has them after the edit: the kustomization lists the new file, so it is a patch, with nothing missing reported on it.
    await s.client.open(s.uri('overlays/prod/kustomization.yaml'), readFileSync(join(s.folder, 'overlays/prod/kustomization.yaml'), 'utf8'));
    await s.client.open(patchUri, readFileSync(fileURLToPath(patchUri), 'utf8'));
    assert.deepEqual(await s.client.diagnostics(patchUri), []);
  });

  test('the base fix then fixes every overlay', async () => {
    const action = (await s.actionsFor('staging')).find((a) => a.title.endsWith('in the base, for every overlay'))!;
    assert.ok(action);
    const text = await s.client.apply(s.uri(base), action.edit!);
    writeFileSync(join(s.folder, base), text);
    await s.client.notification('textDocument/didSave', { textDocument: { uri: s.uri(base) } });
    await s.client.waitFor(() => !s.latest().some(inOverlay('prod')) && !s.latest().some(inOverlay('staging')), 'both overlays fixed', 30000);
  });
});

describe('a client that cannot create files', { skip: noKubectl }, () => {
  let s: Awaited<ReturnType<typeof start>>;
  before(async () => (s = await start(false)));
  after(async () => {
    await s.client.stop();
    rmSync(s.folder, { recursive: true, force: true });
  });

  test("gets the overlay's patch inline in its kustomization, which fixes that overlay", async () => {
    const action = (await s.actionsFor('prod')).find((a) => / in overlay prod only \(inline patch in its kustomization\)$/.test(a.title))!;
    assert.ok(action);
    assert.ok(action.edit!.documentChanges!.every((c) => !('kind' in c)));
    applyToDisk(action.edit!);
    assert.match(readFileSync(join(s.folder, 'overlays/prod/kustomization.yaml'), 'utf8'), /\n {2}- patch: \|-\n {6}apiVersion: apps\/v1\n/);
    await s.client.notification('textDocument/didSave', { textDocument: { uri: s.uri(base) } });
    await s.client.waitFor(() => !s.latest().some(inOverlay('prod')) && s.latest().some(inOverlay('staging')), 'prod fixed, staging not', 30000);
  });
});

describe("an overlay's own patch for the resource", { skip: noKubectl }, () => {
  const own = 'overlays/prod/sizing.yaml';
  const files = {
    ...layoutFiles,
    'overlays/prod/kustomization.yaml': layoutFiles['overlays/prod/kustomization.yaml'].replace('patches:\n', 'patches:\n  - path: sizing.yaml\n'),
    [own]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
  };
  let s: Awaited<ReturnType<typeof start>>;
  before(async () => (s = await start(true, files)));
  after(async () => {
    await s.client.stop();
    rmSync(s.folder, { recursive: true, force: true });
  });

  test('gets the fix: one edit of that file, no new file, the kustomization unchanged', async () => {
    const action = (await s.actionsFor('prod')).find((a) => / in overlay prod only \(in its patch sizing\.yaml\)$/.test(a.title))!;
    assert.ok(action);
    assert.deepEqual(Object.keys(action.edit!.changes ?? {}), [s.uri(own)]);
    applyToDisk(action.edit!);
    assert.equal(readFileSync(join(s.folder, own), 'utf8'), files[own] + '  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n');
    await s.client.notification('textDocument/didSave', { textDocument: { uri: s.uri(base) } });
    await s.client.waitFor(() => !s.latest().some(inOverlay('prod')) && s.latest().some(inOverlay('staging')), 'prod fixed, staging not', 30000);
  });
});
