// Vulnerability scans of container images with the user's own scanner, Trivy or Grype, found on the
// PATH: spawned without a shell, one image at a time (a scan takes a core and a lot of memory), with
// a timeout and cancellation; and a cache of results per scanner and image reference, in memory and
// on disk, reused for a configured time. What a scan's output means is the caller's to parse: this
// module knows processes and files, not reports.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, join } from 'node:path';

export type ScannerName = 'trivy' | 'grype';

export interface Scanner {
  name: ScannerName;
  /** The executable: a path found on the PATH, or the one configured. */
  command: string;
}

export const scanDefaults = { cacheMinutes: 720, timeoutSeconds: 300, maxBytes: 64 * 1024 * 1024 };

/** How to get a scanner, for the one message shown when there is none. */
export const noScannerMessage =
  'no image scanner found: install Trivy (https://trivy.dev) or Grype (https://github.com/anchore/grype) and put it on the PATH, or import an existing report (Trivy or Grype JSON, or SARIF)';

async function executable(path: string): Promise<boolean> {
  try {
    await fs.access(path, constants.X_OK);
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const suffix of suffixes) {
      const candidate = join(dir, name + suffix);
      if (await executable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The scanner to run: `auto` takes Trivy, else Grype; `trivy` or `grype` only that one; anything
 * else is a path to one of them, named by its file name. Undefined when it is not there.
 */
export async function findScanner(preference = 'auto', env: NodeJS.ProcessEnv = process.env): Promise<Scanner | undefined> {
  const wanted = preference.trim() || 'auto';
  if (wanted === 'auto' || wanted === 'trivy' || wanted === 'grype') {
    for (const name of wanted === 'auto' ? (['trivy', 'grype'] as const) : [wanted as ScannerName]) {
      const command = await onPath(name, env);
      if (command) return { name, command };
    }
    return undefined;
  }
  if (!(await executable(wanted))) return undefined;
  return { name: /grype/i.test(basename(wanted)) ? 'grype' : 'trivy', command: wanted };
}

/**
 * The scanner a workspace's own configuration (`.kube-harden.yaml`) may choose: a name looked up on
 * the PATH, never a path — a cloned repository must not decide what program runs.
 */
export function workspaceScannerChoice(value: string | undefined): string | undefined {
  const normal = (value ?? '').trim();
  return ['auto', 'trivy', 'grype'].includes(normal) ? normal : undefined;
}

/** The command line of a scan whose standard output is the scanner's JSON report. */
export function scannerArgs(name: ScannerName, image: string): string[] {
  return name === 'trivy' ? ['image', '--format', 'json', '--scanners', 'vuln', '--quiet', image] : [image, '-o', 'json', '--quiet'];
}

export type ScanOutcome = 'scanned' | 'missing' | 'failed' | 'timeout' | 'too-large' | 'cancelled';

export interface ScanRun {
  outcome: ScanOutcome;
  /** The report, when `outcome` is `scanned`. */
  stdout: string;
  /** For `failed`: the scanner's last line of error output (why the image could not be scanned). */
  reason?: string;
}

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  maxBytes?: number;
}

const lastLine = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .pop()
    ?.slice(0, 300) ?? '';

export function runScanner(scanner: Scanner, image: string, options: RunOptions = {}): Promise<ScanRun> {
  const timeout = options.timeoutMs ?? scanDefaults.timeoutSeconds * 1000;
  return new Promise((resolve) => {
    const done = (outcome: ScanOutcome, stdout = '', reason?: string) => resolve({ outcome, stdout, ...(reason ? { reason } : {}) });
    if (options.signal?.aborted) return done('cancelled');
    try {
      const execOptions = { timeout, maxBuffer: options.maxBytes ?? scanDefaults.maxBytes, signal: options.signal, windowsHide: true, encoding: 'utf8' as const };
      execFile(scanner.command, scannerArgs(scanner.name, image), execOptions, (error, stdout, stderr) => {
        if (!error) return done('scanned', stdout);
        const e = error as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT' || e.code === 'EACCES') return done('missing');
        if (e.name === 'AbortError' || options.signal?.aborted) return done('cancelled');
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return done('too-large');
        if (e.killed) return done('timeout');
        return done('failed', '', lastLine(String(stderr ?? '')));
      });
    } catch {
      done('missing');
    }
  });
}

/** `$KUBE_HARDEN_SCAN_CACHE`, else `$XDG_CACHE_HOME/kube-harden/scans`, else `~/.cache/kube-harden/scans`. */
export function defaultScanCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KUBE_HARDEN_SCAN_CACHE) return env.KUBE_HARDEN_SCAN_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kube-harden', 'scans');
}

interface CacheRecord<T> {
  scanner: string;
  image: string;
  /** Milliseconds since the epoch when the scan ran. */
  at: number;
  value: T;
}

/**
 * Scan results per scanner and image reference, fresh for `ttlMs`: in memory, and in `dir` when
 * given (one small JSON file per image, so the CLI's next run and the server share them).
 */
export class ScanCache<T> {
  private readonly memory = new Map<string, CacheRecord<T>>();
  /**
   * The names of the files in `dir`, listed at most once a second: opening a manifest with thousands
   * of images asks for each of them, and one directory listing replaces thousands of failed opens.
   */
  private listing: { at: number; names: Promise<Set<string>> } | undefined;

  constructor(
    readonly dir: string | undefined,
    public ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private key(scanner: string, image: string): string {
    return createHash('sha256').update(`${scanner}\u0000${image}`).digest('hex').slice(0, 32);
  }

  async get(scanner: string, image: string): Promise<{ value: T; at: number } | undefined> {
    const key = this.key(scanner, image);
    let record = this.memory.get(key);
    if (!record && this.dir && (await this.stored()).has(`${key}.json`)) {
      try {
        const read = JSON.parse(await fs.readFile(join(this.dir, `${key}.json`), 'utf8')) as CacheRecord<T>;
        if (read.scanner === scanner && read.image === image && typeof read.at === 'number') this.memory.set(key, (record = read));
      } catch {
        // Not cached, or a file of another version: scanned again.
      }
    }
    if (!record || this.now() - record.at >= this.ttlMs || record.at > this.now()) return undefined;
    return { value: record.value, at: record.at };
  }

  private stored(): Promise<Set<string>> {
    const dir = this.dir!;
    const now = performance.now();
    if (!this.listing || now - this.listing.at > 1000) {
      this.listing = {
        at: now,
        names: fs.readdir(dir).then(
          (names) => new Set(names),
          () => new Set<string>(),
        ),
      };
    }
    return this.listing.names;
  }

  async put(scanner: string, image: string, value: T, at = this.now()): Promise<void> {
    const key = this.key(scanner, image);
    const record = { scanner, image, at, value };
    this.memory.set(key, record);
    if (!this.dir) return;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const file = join(this.dir, `${key}.json`);
      // Written aside and renamed: a CLI run and the server never read half a file.
      await fs.writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(record));
      await fs.rename(`${file}.${process.pid}.tmp`, file);
      this.listing = undefined;
    } catch {
      // A cache that cannot be written only costs the next run a scan.
    }
  }
}

export interface ScanImagesOptions<T> {
  scanner: Scanner;
  cache: ScanCache<T>;
  /** The result of a report; undefined when the output is no report. */
  parse(stdout: string, image: string, at: number): T | undefined;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Before each image: how many are done, of how many. */
  onProgress?(done: number, total: number, image: string): void;
  now?: () => number;
}

export interface ImageResult<T> {
  image: string;
  value?: T;
  /** From the cache rather than a run. */
  cached: boolean;
  /** Why there is no value. */
  error?: string;
}

/** Scans each image once (cached ones are not run again), one after the other, until cancelled. */
export async function scanImages<T>(images: readonly string[], options: ScanImagesOptions<T>): Promise<ImageResult<T>[]> {
  const unique = [...new Set(images)];
  const out: ImageResult<T>[] = [];
  const { scanner, cache } = options;
  for (const [i, image] of unique.entries()) {
    if (options.signal?.aborted) break;
    options.onProgress?.(i, unique.length, image);
    const hit = await cache.get(scanner.name, image);
    if (hit) {
      out.push({ image, value: hit.value, cached: true });
      continue;
    }
    const at = (options.now ?? Date.now)();
    const run = await runScanner(scanner, image, { timeoutMs: options.timeoutMs, signal: options.signal });
    if (run.outcome === 'cancelled') break;
    if (run.outcome !== 'scanned') {
      out.push({ image, cached: false, error: run.reason ? `${scanner.name} ${run.outcome}: ${run.reason}` : `${scanner.name} ${outcomeWords[run.outcome]}` });
      continue;
    }
    const value = options.parse(run.stdout, image, at);
    if (value === undefined) {
      out.push({ image, cached: false, error: `${scanner.name} printed no report` });
      continue;
    }
    await cache.put(scanner.name, image, value, at);
    out.push({ image, value, cached: false });
  }
  return out;
}

const outcomeWords: Record<ScanOutcome, string> = {
  scanned: 'scanned',
  missing: 'could not be started',
  failed: 'failed',
  timeout: 'timed out',
  'too-large': 'printed a report too large to read',
  cancelled: 'was cancelled',
};
