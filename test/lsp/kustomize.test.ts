// The real server on a Kustomize layout on disk: a patch the indexed kustomization lists gets only
// the findings of values it sets; editing the open kustomization to drop or add the patch re-checks
// the patch file without touching it (push, and pull with a diagnostic refresh); the kustomization
// itself gets no diagnostics; a closed kustomization changed on disk does the same; the hover on a patch names the kustomization that uses it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, positionOf, TestClient } from './client';
import { kustomizeFiles, privilegedLine, privilegedPatch } from '../helpers/kustomize-fixture';
import { tempTree } from '../helpers/temp-tree';
import { rulesById } from '../../rules';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();
/** The runtime and images findings (unset resources, writable root file system) are not what these tests are about: rule tables cover them. */
const otherFamily = (d: Diagnostic) => ['runtime', 'images'].includes(rulesById.get(String(d.code))?.meta.category ?? '');
const benignPatch = 'overlays/prod/replicas.yaml';
const overlay = 'overlays/prod/kustomization.yaml';
const listed = '  - path: replicas.yaml\n';

const layout = () => tempTree('kube-harden-kustomize-', kustomizeFiles);

/** Waits for a publication of `uri` after the `seen`-th that satisfies `test`. */
async function nextPublished(client: TestClient, uri: string, seen: number, test: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  let found: Diagnostic[] | undefined;
  await client.waitFor(() => {
    const hit = (client.published.get(uri) ?? []).slice(seen).find((p) => test(p.diagnostics));
    if (hit) found = hit.diagnostics;
    return hit !== undefined;
  }, what);
  return found!;
}

describe('Kustomize patches in the editor (push)', () => {
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

  test('a listed patch gets only what it sets; dropping it from the open kustomization re-checks it as a manifest, and listing it again clears it', async () => {
    const patch = uri(benignPatch);
    await client.open(patch, kustomizeFiles[benignPatch]);
    // Once the scan has indexed the kustomization on disk, the patch's missing fields are not reported.
    await nextPublished(client, patch, 0, (d) => d.length === 0, 'the scan to make the patch partial');
    // The hover on its name says which kustomization patches with it, and no network section claims its pods are open.
    const hover = JSON.stringify((await client.hover(patch, positionOf(client.text(patch), 'web')))?.contents);
    assert.match(hover, /Kustomize patch/);
    assert.match(hover, /kustomization\.yaml:1\]/);
    assert.doesNotMatch(hover, /NetworkPolic/);

    const privileged = uri(privilegedPatch);
    await client.open(privileged, kustomizeFiles[privilegedPatch]);
    const found = await client.diagnostics(privileged);
    assert.deepEqual(
      found.map((d) => [d.code, d.range.start.line + 1]),
      [['privileged-container', privilegedLine]],
    );

    const k = uri(overlay);
    await client.open(k, readFileSync(join(folder, overlay), 'utf8'));
    assert.deepEqual(await client.diagnostics(k), []);

    let seen = client.published.get(patch)!.length;
    await client.replace(k, listed, '');
    await client.diagnostics(k);
    const asManifest = await nextPublished(client, patch, seen, (d) => d.length > 0, 'the patch re-checked as a manifest');
    // As a manifest of its own it misses the selector the API requires, too.
    assert.deepEqual(codes(asManifest.filter((d) => !otherFamily(d))), [
      'allow-privilege-escalation',
      'network-ingress-isolation',
      'restricted-capabilities',
      'restricted-seccomp-profile',
      'run-as-non-root',
      'schema-required-field',
    ]);

    seen = client.published.get(patch)!.length;
    await client.replace(k, 'patches:\n', `patches:\n${listed}`);
    await client.diagnostics(k);
    await nextPublished(client, patch, seen, (d) => d.length === 0, 'the patch partial again');
  });
  test('a closed kustomization changed on disk re-checks the patch it drops (didChangeWatchedFiles)', async () => {
    const patch = uri('components/debug/debug-port.yaml');
    await client.open(patch, kustomizeFiles['components/debug/debug-port.yaml']);
    await nextPublished(client, patch, 0, (d) => d.length === 0, 'the component patch to be partial');
    const component = join(folder, 'components/debug/kustomization.yaml');
    const seen = client.published.get(patch)!.length;
    writeFileSync(component, kustomizeFiles['components/debug/kustomization.yaml'].replace('  - path: debug-port.yaml\n', ''));
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(component).href, type: 2 }] });
    const asManifest = await nextPublished(client, patch, seen, (d) => d.length > 0, 'the component patch re-checked as a manifest');
    assert.ok(codes(asManifest).includes('run-as-non-root'));
  });
});

describe('Kustomize patches in the editor (pull, with refresh)', () => {
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

  test('an edit of the kustomization asks for a refresh, and the patch then pulls its new result', async () => {
    const k = uri(overlay);
    const patch = uri(benignPatch);
    // Opening the kustomization sets its facts from the editor: the patch is partial without waiting for the scan.
    await client.open(k, readFileSync(join(folder, overlay), 'utf8'));
    assert.deepEqual(await client.diagnostics(k), []);
    await client.open(patch, kustomizeFiles[benignPatch]);
    assert.deepEqual(await client.diagnostics(patch), []);

    const refreshes = client.refreshes;
    await client.replace(k, listed, '');
    await client.diagnostics(k);
    await client.waitFor(() => client.refreshes > refreshes, 'a diagnostic refresh');
    assert.ok(codes(await client.diagnostics(patch)).includes('run-as-non-root'));
  });
});
