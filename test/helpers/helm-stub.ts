// A stand-in for the user's `helm`: a node script (helm itself cannot be installed here) that prints
// a recorded rendering, optionally after writing its arguments to a file, or fails, hangs or floods.

import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StubOptions {
  /** What `helm template` prints. */
  stdout?: string;
  /** Written to stderr, then exit with this code. */
  fail?: { code: number; stderr: string };
  /** Never ends by itself. */
  hang?: boolean;
  /** Prints only after this long, so that a newer render can start meanwhile. */
  delayMs?: number;
  /** Each call appends its arguments (JSON, one line) here. */
  argsFile?: string;
  /** What the second and later calls print instead of `stdout` (needs `argsFile`, which counts them). */
  laterStdout?: string;
}

/** Writes an executable stub and returns its path. */
export function helmStub(options: StubOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-harden-helm-stub-'));
  const path = join(dir, 'helm');
  const lines = [
    `#!${process.execPath}`,
    `const fs = require('node:fs');`,
    options.argsFile ? `fs.appendFileSync(${JSON.stringify(options.argsFile)}, JSON.stringify(process.argv.slice(2)) + '\\n');` : '',
    options.hang ? 'setInterval(() => {}, 1000);' : '',
    options.fail ? `process.stderr.write(${JSON.stringify(options.fail.stderr)}); process.exit(${options.fail.code});` : '',
    options.stdout !== undefined ? `let out = ${JSON.stringify(options.stdout)};` : '',
    options.stdout !== undefined && options.laterStdout !== undefined && options.argsFile
      ? `if (fs.readFileSync(${JSON.stringify(options.argsFile)}, 'utf8').trim().split('\\n').length > 1) out = ${JSON.stringify(options.laterStdout)};`
      : '',
    options.stdout !== undefined ? (options.delayMs ? `setTimeout(() => process.stdout.write(out), ${options.delayMs});` : 'process.stdout.write(out);') : '',
  ];
  writeFileSync(path, lines.filter(Boolean).join('\n') + '\n');
  chmodSync(path, 0o755);
  return path;
}
