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
  /** Each call appends its arguments (JSON, one line) here. */
  argsFile?: string;
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
    options.stdout !== undefined ? `process.stdout.write(${JSON.stringify(options.stdout)});` : '',
  ];
  writeFileSync(path, lines.filter(Boolean).join('\n') + '\n');
  chmodSync(path, 0o755);
  return path;
}
