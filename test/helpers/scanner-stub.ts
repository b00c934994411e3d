// Stand-ins for the user's `trivy` and `grype`: node scripts with the scanner's name, in a folder of
// their own to put first on the PATH, that print a real report (from the scanners' own test data),
// record their arguments, or fail or hang.

import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const scannerReports = resolve(__dirname, '../../../shared/reference/scanner-reports');

export const realReport = (path: string) => readFileSync(join(scannerReports, path), 'utf8');

export interface ScannerStubOptions {
  name: 'trivy' | 'grype';
  /** What a scan prints on stdout. */
  stdout?: string;
  /** Written to stderr, then exit with this code. */
  fail?: { code: number; stderr: string };
  hang?: boolean;
  /** Each call appends its arguments (JSON, one line) here. */
  argsFile?: string;
}

/** Writes the stub; returns its folder (for the PATH) and its path. */
export function scannerStub(options: ScannerStubOptions): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), `kube-harden-${options.name}-stub-`));
  const path = join(dir, options.name);
  const lines = [
    `#!${process.execPath}`,
    `const fs = require('node:fs');`,
    options.argsFile ? `fs.appendFileSync(${JSON.stringify(options.argsFile)}, JSON.stringify(process.argv.slice(2)) + '\\n');` : '',
    options.hang ? 'setInterval(() => {}, 1000);' : '',
    options.fail ? `process.stderr.write(${JSON.stringify(options.fail.stderr)}); process.exit(${options.fail.code});` : '',
    options.stdout !== undefined && !options.hang ? `process.stdout.write(${JSON.stringify(options.stdout)});` : '',
  ];
  writeFileSync(path, lines.filter(Boolean).join('\n') + '\n');
  chmodSync(path, 0o755);
  return { dir, path };
}

/** How many times a stub ran, from its arguments file. */
export function callsOf(argsFile: string): string[][] {
  try {
    return readFileSync(argsFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
  } catch {
    return [];
  }
}
