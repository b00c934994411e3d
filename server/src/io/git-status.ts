// Asking git where a file stands — tracked, ignored, neither, or outside any repository — for the
// suggestions that write a secret value into a file, which must never be one git tracks. Git itself
// answers (its ignore rules have too many sources to re-implement): spawned without a shell, in the
// file's folder, with a timeout; any failure to ask is `unknown`, never a guess.

import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import type { GitState } from '../engine';

export interface GitStatus {
  /** Where the file at this absolute path stands with git (it need not exist). */
  stateOf(path: string): Promise<GitState>;
}

interface GitRun {
  /** The exit code; undefined when git did not run to the end (missing, killed by the timeout). */
  code: number | undefined;
  stdout: string;
  stderr: string;
}

function git(args: string[], cwd: string, timeout: number): Promise<GitRun> {
  return new Promise((resolve) => {
    // GIT_OPTIONAL_LOCKS=0: a status query must not take the index lock from the user's own git.
    const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };
    execFile('git', args, { cwd, timeout, env, windowsHide: true, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = !error ? 0 : typeof error.code === 'number' && !error.killed ? error.code : undefined;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Where a file stands with git, asked of git itself. */
async function ask(path: string, timeout: number): Promise<GitState> {
  const cwd = dirname(path);
  const name = basename(path);
  const inside = await git(['rev-parse', '--is-inside-work-tree'], cwd, timeout);
  if (inside.code === undefined) return 'unknown';
  if (inside.code !== 0) return /not a git repository/i.test(inside.stderr) ? 'no-repository' : 'unknown';
  if (inside.stdout.trim() !== 'true') return 'unknown';
  const tracked = await git(['ls-files', '--error-unmatch', '--', name], cwd, timeout);
  if (tracked.code === 0) return 'tracked';
  if (tracked.code !== 1) return 'unknown';
  const ignored = await git(['check-ignore', '-q', '--', name], cwd, timeout);
  return ignored.code === 0 ? 'ignored' : ignored.code === 1 ? 'untracked' : 'unknown';
}

/**
 * Git's answers, kept for `cacheMs` (default 2 s): the editor asks for code actions at every move of
 * the cursor over a finding, and a few git processes each time would be waste.
 */
export function gitStatus(options: { timeout?: number; cacheMs?: number } = {}): GitStatus {
  const timeout = options.timeout ?? 3000;
  const cacheMs = options.cacheMs ?? 2000;
  const cache = new Map<string, { at: number; state: Promise<GitState> }>();
  return {
    stateOf(path) {
      const now = Date.now();
      for (const [key, entry] of cache) if (now - entry.at > cacheMs) cache.delete(key);
      const hit = cache.get(path);
      if (hit) return hit.state;
      const state = ask(path, timeout);
      cache.set(path, { at: now, state });
      return state;
    },
  };
}
