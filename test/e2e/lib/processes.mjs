// Child processes of the editor tests: every editor (code-server, Chromium, Neovim) is started in
// its own process group under a time limit, and killed by that group's id when done or late, so no
// editor or language server outlives the run.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const running = new Set();

/**
 * Starts `command` detached (a new process group), appending its output to `logFile`. Returns the
 * child, a `kill()` for its whole group, `exited` (resolves with the exit code) and
 * `waitFor(regex, ms)` that resolves with the first output match.
 */
export function start(command, args, { env = process.env, cwd, logFile, input } = {}) {
  const child = spawn(command, args, { env, cwd, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin.end(input);
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  let output = '';
  const watchers = new Set();
  const onData = (chunk) => {
    const text = chunk.toString();
    output += text;
    log?.write(text);
    for (const watcher of watchers) watcher();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  const handle = {
    child,
    pid: child.pid,
    output: () => output,
    exited,
    kill() {
      killGroup(child.pid);
      running.delete(handle);
    },
    waitFor(regex, ms, what) {
      return new Promise((resolve, reject) => {
        const watcher = () => {
          const match = regex.exec(output);
          if (match) done(() => resolve(match));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${what ?? regex}: not seen within ${ms} ms`))), ms);
        const gone = () => done(() => reject(new Error(`${command} exited before ${what ?? regex}:\n${output.slice(-3000)}`)));
        const done = (then) => {
          clearTimeout(timer);
          watchers.delete(watcher);
          child.off('exit', gone);
          then();
        };
        watchers.add(watcher);
        child.on('exit', gone);
        watcher();
      });
    },
  };
  running.add(handle);
  exited.then(() => log?.end());
  return handle;
}

/** Kills a process group by its leader's pid; a group already gone is fine. */
export function killGroup(pid) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Kills every process group still running (on exit, on a signal, after a time limit). */
export function killAll() {
  for (const handle of running) handle.kill();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Rejects when `promise` takes longer than `ms`; `onLate` runs first (e.g. kill the editor). */
export function withTimeLimit(promise, ms, what, onLate = () => {}) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onLate();
      reject(new Error(`${what} took longer than its ${Math.round(ms / 1000)} s limit and was killed`));
    }, ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
