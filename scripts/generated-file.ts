// The write-or-check step every generator of a committed file ends with: `--check` exits 1 when the
// committed copy differs from what the sources give (a test runs it), else the file is written.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Writes `text` to `path`, or with `--check` verifies the committed copy; `regenerate` says how to refresh it. */
export function writeOrCheck(path: string, text: string, regenerate: string): void {
  if (process.argv.includes('--check')) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== text) {
      console.error(`${path} is stale: run ${regenerate}`);
      process.exit(1);
    }
    console.log(`${path} is up to date (${text.length} bytes)`);
    return;
  }
  writeFileSync(path, text);
  console.log(`wrote ${path} (${text.length} bytes)`);
}
