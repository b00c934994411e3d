// The Kustomize renderer with the real `kubectl kustomize` (skipped with a reason where it is absent):
// origin annotations relative to its temporary folder, the user's files untouched and the temporary
// folder removed, and fixed words (never the tool's stderr) when the build fails or no binary exists.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseKustomizeCommand, renderKustomization, workspaceKustomizeCommand } from '../../server/src/io/kustomize-render';
import { overlayFiles } from '../helpers/kustomize-overlays';
import { kubectlMissing } from '../helpers/kubectl';
import { tempTree } from '../helpers/temp-tree';

const noKubectl = kubectlMissing('the overlay is not rendered');

const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function layout(files: Record<string, string>): string {
  const root = tempTree('kube-harden-test-', files);
  temps.push(root);
  return root;
}

/**
 * Runs a render with a temporary folder of its own and returns what it left there: the shared one
 * also holds the renders of other processes (tests running beside these), which come and go.
 */
async function leftovers<T>(render: () => Promise<T>): Promise<{ result: T; left: string[] }> {
  const own = mkdtempSync(join(tmpdir(), 'kube-harden-test-tmp-'));
  temps.push(own);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = own;
  try {
    return { result: await render(), left: readdirSync(own) };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

describe('kustomize command setting', () => {
  test('auto, a bare binary and a full command', () => {
    assert.equal(parseKustomizeCommand('auto'), undefined);
    assert.equal(parseKustomizeCommand(''), undefined);
    assert.deepEqual(parseKustomizeCommand('kubectl'), ['kubectl', 'kustomize']);
    assert.deepEqual(parseKustomizeCommand('/opt/bin/kustomize'), ['/opt/bin/kustomize', 'build']);
    assert.deepEqual(parseKustomizeCommand('kustomize build --enable-helm'), ['kustomize', 'build', '--enable-helm']);
  });

  test("a workspace's own config names only a fixed form, run from the PATH, never a program of its choice", () => {
    for (const fixed of ['auto', 'kubectl kustomize', ' kustomize   build ', 'kubectl', 'kustomize']) assert.ok(workspaceKustomizeCommand(fixed), fixed);
    for (const chosen of ['./bin/kustomize', '/tmp/evil', 'sh -c "curl x | sh"', 'kustomize build --enable-exec', 'kubectl kustomize --enable-alpha-plugins', undefined]) {
      assert.equal(workspaceKustomizeCommand(chosen), undefined, String(chosen));
    }
  });
});

describe('rendering an overlay', { skip: noKubectl }, () => {
  test('origins resolve to the base files; no file of the layout changes; the temporary folder is gone', async () => {
    const root = layout(overlayFiles);
    const { result, left } = await leftovers(() => renderKustomization(join(root, 'overlays', 'prod'), { command: 'kubectl kustomize' }));
    assert.ok(result.ok, result.ok ? '' : result.message);
    const origins = [...result.text.matchAll(/^\s+path: (.+)$/gm)].map((m) => resolve(result.originBase, m[1]));
    assert.deepEqual(origins, [join(root, 'base/deployment.yaml'), join(root, 'base/network-policy.yaml')]);
    assert.match(result.text, /name: prod-web/);
    for (const [file, text] of Object.entries(overlayFiles)) assert.equal(readFileSync(join(root, file), 'utf8'), text, file);
    assert.deepEqual(left, []);
  });

  test('a broken overlay fails with fixed words, not the tool stderr', async () => {
    const root = layout({ 'overlays/bad/kustomization.yaml': 'resources:\n  - missing-secret-value-s3cr3t.yaml\n' });
    const result = await renderKustomization(join(root, 'overlays', 'bad'), { command: 'kubectl kustomize' });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.reason === 'failed');
    assert.doesNotMatch(JSON.stringify(result), /s3cr3t/);
  });

  test('cancellation stops the rendering', async () => {
    const root = layout(overlayFiles);
    const controller = new AbortController();
    controller.abort();
    const result = await renderKustomization(join(root, 'overlays', 'prod'), { signal: controller.signal });
    assert.ok(!result.ok && result.reason === 'cancelled');
  });

  test('an output larger than the cap is refused', async () => {
    const root = layout(overlayFiles);
    const result = await renderKustomization(join(root, 'overlays', 'prod'), { maxBytes: 100 });
    assert.ok(!result.ok && result.reason === 'too-large');
  });
});

describe('a Kustomize that hangs', { skip: process.platform === 'win32' && 'the stub is a shell script' }, () => {
  test('is stopped by the timeout, and its temporary folder removed', async () => {
    const root = layout({ ...overlayFiles, 'bin/kustomize': '#!/bin/sh\nexec sleep 30\n' });
    chmodSync(join(root, 'bin/kustomize'), 0o755);
    const { result, left } = await leftovers(() => renderKustomization(join(root, 'overlays', 'prod'), { command: join(root, 'bin/kustomize'), timeout: 300 }));
    assert.ok(!result.ok && result.reason === 'timeout', JSON.stringify(result));
    assert.deepEqual(left, []);
  });
});

describe('without a binary', () => {
  test('a command that does not exist is reported as missing', async () => {
    const root = layout(overlayFiles);
    const result = await renderKustomization(join(root, 'overlays', 'prod'), { command: 'kube-harden-no-such-kustomize build' });
    assert.ok(!result.ok && result.reason === 'missing', JSON.stringify(result));
  });
});
