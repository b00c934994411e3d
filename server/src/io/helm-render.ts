// Rendering a chart with the user's own `helm template`: spawned without a shell, with a timeout, a
// cap on the output, and cancellation when a newer render of the same chart starts. Helm's stderr can
// quote values (a Secret's among them), so none of it leaves here: the outcome is a fixed word.

import { execFile } from 'node:child_process';

export type HelmOutcome = 'rendered' | 'missing' | 'failed' | 'timeout' | 'too-large' | 'cancelled';

export interface HelmRendering {
  outcome: HelmOutcome;
  /** The rendering, only when `outcome` is `rendered`. */
  stdout: string;
  /** Helm's exit code when it ran to the end and failed. */
  code?: number;
  ms: number;
}

export interface HelmRenderOptions {
  /** The helm executable: a name on the PATH or a path. */
  command: string;
  chartDir: string;
  release: string;
  /** Absolute paths, passed in order as `-f` (later files win, as with helm itself). */
  valuesFiles: readonly string[];
  timeout?: number;
  /** Renderings larger than this are refused rather than checked half. */
  maxBytes?: number;
  signal?: AbortSignal;
}

export const helmDefaults = { timeout: 20_000, maxBytes: 8 * 1024 * 1024 };

export function renderChart(options: HelmRenderOptions): Promise<HelmRendering> {
  const started = performance.now();
  const args = ['template', options.release, options.chartDir];
  for (const file of options.valuesFiles) args.push('-f', file);
  const timeout = options.timeout ?? helmDefaults.timeout;
  const maxBuffer = options.maxBytes ?? helmDefaults.maxBytes;
  return new Promise((resolve) => {
    const done = (outcome: HelmOutcome, stdout = '', code?: number) => resolve({ outcome, stdout, code, ms: Math.round(performance.now() - started) });
    try {
      execFile(options.command, args, { cwd: options.chartDir, timeout, maxBuffer, signal: options.signal, windowsHide: true, encoding: 'utf8' }, (error, stdout) => {
        if (!error) return done('rendered', stdout);
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        if (e.code === 'ENOENT' || e.code === 'EACCES') return done('missing');
        if (e.name === 'AbortError' || options.signal?.aborted) return done('cancelled');
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return done('too-large');
        if (e.killed) return done('timeout');
        return done('failed', '', typeof e.code === 'number' ? e.code : undefined);
      });
    } catch {
      // An invalid command (an empty string) throws before spawning.
      done('missing');
    }
  });
}
