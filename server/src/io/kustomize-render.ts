// Rendering a Kustomize overlay with the user's own binary (`kubectl kustomize` or `kustomize build`),
// with origin annotations, without touching the user's files: a temporary kustomization in the system's
// temp folder includes the overlay by a relative path (Kustomize refuses an absolute root, and a
// folder inside the overlay would be a cycle), so every `config.kubernetes.io/origin` path is relative
// to that temporary folder. Spawned without a shell, with a timeout, a cap on the output and
// cancellation; what the tool prints on stderr is never passed on (it can quote a Secret's values).

import { execFile } from 'node:child_process';
import { promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

export interface RenderOptions {
  /** `kubectl kustomize`, `kustomize build`, a path to either, or `auto` (the default): kubectl, else kustomize. */
  command?: string;
  /** Milliseconds before the process is killed (default 20 s). */
  timeout?: number;
  /** Bytes of output accepted (default 32 MiB): a larger rendering is refused, not read in part. */
  maxBytes?: number;
  signal?: AbortSignal;
}

export type RenderResult =
  | {
      ok: true;
      text: string;
      /** The folder the origin annotations' paths are relative to (it no longer exists; only for resolving them). */
      originBase: string;
      command: string;
      ms: number;
    }
  | {
      ok: false;
      /** `missing`: no Kustomize binary; the others say why this rendering failed, in fixed words. */
      reason: 'missing' | 'failed' | 'timeout' | 'too-large' | 'cancelled' | 'unsupported';
      message: string;
      ms: number;
    };

const candidates: ReadonlyArray<readonly string[]> = [
  ['kubectl', 'kustomize'],
  ['kustomize', 'build'],
];

/**
 * The command a workspace's own `.kube-harden.yaml` may choose: one of the fixed forms, run from the
 * PATH, never a path. A cloned repository must not pick the program the editor runs on open; a path
 * or another program comes only from the user (machine-scoped setting, CLI flag).
 */
export function workspaceKustomizeCommand(command: string | undefined): string | undefined {
  const normal = (command ?? '').trim().replace(/\s+/g, ' ');
  return ['auto', 'kubectl kustomize', 'kustomize build', 'kubectl', 'kustomize'].includes(normal) ? normal : undefined;
}

/** The program and its leading arguments for a command setting; undefined for `auto`. */
export function parseKustomizeCommand(command: string | undefined): string[] | undefined {
  const words = (command ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || (words.length === 1 && words[0] === 'auto')) return undefined;
  // A bare binary name gets its subcommand: `kubectl` renders with `kubectl kustomize`.
  if (words.length === 1) {
    const base = words[0]
      .split(/[\\/]/)
      .pop()!
      .replace(/\.exe$/i, '');
    if (base === 'kubectl') return [words[0], 'kustomize'];
    if (base === 'kustomize') return [words[0], 'build'];
  }
  return words;
}

interface Run {
  code: number | undefined;
  stdout: string;
  missing: boolean;
  killed: boolean;
  tooLarge: boolean;
  cancelled: boolean;
}

function run(argv: readonly string[], timeout: number, maxBytes: number, signal: AbortSignal | undefined): Promise<Run> {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    execFile(file, args, { timeout, maxBuffer: maxBytes, windowsHide: true, encoding: 'utf8', signal }, (error, stdout) => {
      if (!error) return resolve({ code: 0, stdout, missing: false, killed: false, tooLarge: false, cancelled: false });
      const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
      resolve({
        code: typeof e.code === 'number' ? e.code : undefined,
        stdout: '',
        missing: e.code === 'ENOENT',
        killed: e.killed === true && !signal?.aborted,
        tooLarge: e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
        cancelled: signal?.aborted === true || e.name === 'AbortError',
      });
    });
  });
}

/** Temporary folders of renderings in flight: a server that exits mid-rendering (its editor closed) removes them on the way out. */
const live = new Set<string>();
let cleanupOnExit = false;
function track(temp: string): void {
  live.add(temp);
  if (cleanupOnExit) return;
  cleanupOnExit = true;
  process.once('exit', () => {
    for (const dir of live) rmSync(dir, { recursive: true, force: true });
  });
}

/** Renders the overlay in the folder `overlayDir` (absolute) with origin annotations. */
export async function renderKustomization(overlayDir: string, options: RenderOptions = {}): Promise<RenderResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeout = options.timeout ?? 20000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const chosen = parseKustomizeCommand(options.command);
  const tried = chosen ? [chosen] : candidates;

  const temp = await fs.mkdtemp(join(tmpdir(), 'kube-harden-render-'));
  track(temp);
  try {
    const path = relative(temp, overlayDir).split(sep).join('/');
    // A relative path is all Kustomize accepts; across drives (Windows) there is none.
    if (path === '' || /^[a-zA-Z]:/.test(path) || path.startsWith('/')) {
      return { ok: false, reason: 'unsupported', message: 'the overlay cannot be reached from the temporary folder by a relative path', ms: elapsed() };
    }
    await fs.writeFile(join(temp, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(path)}\nbuildMetadata: [originAnnotations]\n`, 'utf8');
    for (const argv of tried) {
      if (options.signal?.aborted) return { ok: false, reason: 'cancelled', message: 'cancelled by a newer rendering', ms: elapsed() };
      const result = await run([...argv, temp], timeout, maxBytes, options.signal);
      const command = argv.join(' ');
      if (result.missing) continue;
      if (result.cancelled) return { ok: false, reason: 'cancelled', message: 'cancelled by a newer rendering', ms: elapsed() };
      if (result.tooLarge) return { ok: false, reason: 'too-large', message: `${command}: output larger than ${maxBytes} bytes`, ms: elapsed() };
      if (result.killed || result.code === undefined) return { ok: false, reason: 'timeout', message: `${command}: no result within ${timeout} ms`, ms: elapsed() };
      if (result.code !== 0) return { ok: false, reason: 'failed', message: `${command} failed with exit code ${result.code}`, ms: elapsed() };
      return { ok: true, text: result.stdout, originBase: temp, command, ms: elapsed() };
    }
    const names = tried.map((argv) => argv.join(' ')).join(' or ');
    return { ok: false, reason: 'missing', message: `${names} not found on the PATH`, ms: elapsed() };
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
    live.delete(temp);
  }
}
