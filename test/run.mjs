// Runs every `*.test.ts` under test/ (or the folders given) with node's test runner and tsx.
// Node 20's runner does not expand globs itself, hence this file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(relative(process.cwd(), path));
  }
};
for (const root of roots) statSync(root).isDirectory() ? walk(root) : files.push(root);

// A test file whose handles outlive its tests (a timer, a socket) must not hold CI until its deadline:
// --test-force-exit ends each file once its tests are done, and no single test may take five minutes.
const flags = ['--test-reporter=spec', '--test-force-exit', '--test-timeout=300000'];
// Each file's process inherits these preloads; the second keeps force-exit from dropping the report's tail.
const preloads = ['--import', 'tsx', '--import', new URL('./helpers/blocking-stdout.mjs', import.meta.url).href];
const result = spawnSync(process.execPath, [...preloads, '--test', ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
