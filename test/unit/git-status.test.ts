// Where a file stands with git, as git itself says: tracked (even when an ignore rule matches it),
// ignored, neither, or outside any repository; a git that cannot run answers `unknown`.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gitStatus } from '../../server/src/io';

let repo: string;
let plain: string;
before(() => {
  repo = mkdtempSync(join(tmpdir(), 'kube-harden-gitstatus-'));
  plain = mkdtempSync(join(tmpdir(), 'kube-harden-nogit-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'ignore' });
  writeFileSync(join(repo, 'web.secret.yaml'), 'sops: {}\n');
  git('init', '-q');
  git('add', 'web.secret.yaml');
  git('commit', '-q', '-m', 'x');
  writeFileSync(join(repo, '.gitignore'), '*.secret.yaml\n');
});
after(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(plain, { recursive: true, force: true });
});

test('tracked, ignored, untracked and outside a repository', async () => {
  const git = gitStatus({ cacheMs: 0 });
  assert.equal(await git.stateOf(join(repo, 'web.secret.yaml')), 'tracked');
  assert.equal(await git.stateOf(join(repo, 'web.local.secret.yaml')), 'ignored');
  assert.equal(await git.stateOf(join(repo, 'notes.txt')), 'untracked');
  assert.equal(await git.stateOf(join(plain, 'web.secret.yaml')), 'no-repository');
});

test('a folder git cannot run in is unknown, not "no repository"', async () => {
  assert.equal(await gitStatus().stateOf(join(plain, 'missing-folder', 'web.secret.yaml')), 'unknown');
});
