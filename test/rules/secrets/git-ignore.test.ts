// secret-manifest-plaintext leaves alone the Secret manifests git ignores, as the workspace's
// .gitignore files say (nested files, negations, folder patterns), in the model and in the CLI,
// which also reads the .gitignore files above the paths it is given, up to the repository's root.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { ensureBuilt, serverPath } from '../../lsp/client';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\nstringData:\n  DB_PASSWORD: "Kx9-Ignored-Wq2-Long"\n';

function flagged(ignores: Record<string, string>, file: string): boolean {
  const model = workspaceOf(ignores);
  const { findings } = check(secret, { config: mergeConfig(), rules, workspace: viewOf(model, file, secret) });
  return findings.some((f) => f.ruleId === 'secret-manifest-plaintext');
}

describe('git-ignored Secret manifests', () => {
  test('a file a .gitignore above it ignores is not flagged; others are', () => {
    const ignores = { '/repo/.gitignore': '# values\n*.secret.yaml\n' };
    assert.equal(flagged(ignores, '/repo/k8s/web.secret.yaml'), false);
    assert.equal(flagged(ignores, '/repo/k8s/web.yaml'), true);
    assert.equal(flagged(ignores, '/elsewhere/web.secret.yaml'), true);
    assert.equal(flagged({}, '/repo/web.secret.yaml'), true);
  });
  test('a deeper .gitignore re-includes with !, folder patterns ignore what is below them', () => {
    const ignores = { '/repo/.gitignore': '*.secret.yaml\nlocal/\n', '/repo/prod/.gitignore': '!web.secret.yaml\n' };
    assert.equal(flagged(ignores, '/repo/prod/web.secret.yaml'), true);
    assert.equal(flagged(ignores, '/repo/prod/db.secret.yaml'), false);
    assert.equal(flagged(ignores, '/repo/local/deep/web.yaml'), false);
  });
  test('Windows paths', () => {
    assert.equal(flagged({ 'C:\\repo\\.gitignore': 'secrets/\n' }, 'C:\\repo\\secrets\\web.yaml'), false);
  });
  test('the CLI reads .gitignore files in the folders it walks and above the files it is given, and never checks them', () => {
    ensureBuilt();
    const repo = mkdtempSync(join(tmpdir(), 'kube-harden-ignore-'));
    try {
      mkdirSync(join(repo, '.git'));
      mkdirSync(join(repo, 'k8s'));
      writeFileSync(join(repo, '.gitignore'), '*.secret.yaml\n');
      writeFileSync(join(repo, 'k8s', 'web.secret.yaml'), secret);
      writeFileSync(join(repo, 'k8s', 'web.yaml'), secret);
      const cli = join(serverPath, '..', 'cli.js');
      const run = (...paths: string[]) => spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...paths], { cwd: repo, encoding: 'utf8' });
      const files = (out: string) => (JSON.parse(out) as { findings: Array<{ file: string; ruleId: string }> }).findings.map((f) => `${f.file} ${f.ruleId}`);
      assert.deepEqual(files(run('.').stdout), [`${join('k8s', 'web.yaml')} secret-manifest-plaintext`]);
      assert.deepEqual(files(run(join('k8s', 'web.secret.yaml')).stdout), []);
      assert.deepEqual(files(run(join('k8s', 'web.yaml')).stdout), [`${join('k8s', 'web.yaml')} secret-manifest-plaintext`]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
