// The schema family's cost: the bundle's size and load time in a fresh process, and what the schema
// rules add per keystroke. The server re-lints only the YAML document that changed (lsp/analysis.ts),
// so a keystroke costs the schema rules one document, whatever the file's length; the first check of
// a file costs them every document.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { documentRanges, lint, mergeConfig, parseManifest } from '../server/src/engine';
import { rules } from '../rules';
import { manifest } from './manifests';
import { median, ms } from './stats';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function bundleLoad(root: string, runs: number): number[] {
  const code = `const { performance } = require('node:perf_hooks'); const { schemaJson } = require('./rules/schema/k8s-schemas.ts'); const t = performance.now(); JSON.parse(schemaJson); console.log(performance.now() - t);`;
  const out: number[] = [];
  for (let r = 0; r < Math.min(runs, 10); r++) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, encoding: 'utf8' });
    out.push(Number(result.stdout.trim()));
  }
  return out;
}

/** Median time of the schema rules on the document a one-character change touched, and on the whole file. */
function perKeystroke(lines: number, runs: number): { document: number; file: number; documentLines: number } {
  const config = mergeConfig();
  const schema = rules.filter((r) => r.meta.category === 'schema');
  const text = manifest(lines);
  const ranges = documentRanges(text);
  // The Deployment nearest the middle: the largest kind of document the manifest has.
  const middle = ranges.findIndex((r, i) => i >= ranges.length >> 1 && text.slice(r[0], r[1]).includes('kind: Deployment'));
  const [start, end] = ranges[middle];
  const chunk = text.slice(start, end);
  const timeOf = (source: string) => {
    const file = parseManifest(source);
    const started = performance.now();
    lint(file, { config, rules: schema });
    return performance.now() - started;
  };
  for (let r = 0; r < 5; r++) timeOf(chunk);
  const document: number[] = [];
  const whole: number[] = [];
  for (let r = 0; r < runs; r++) {
    // A character typed into an image tag, so that nothing of the previous parse is reused.
    document.push(timeOf(chunk.replace(/:1\.(\d+)/, r % 2 ? ':1.$1x' : ':1.$1y')));
    if (r < Math.max(5, runs / 4)) whole.push(timeOf(text));
  }
  return { document: median(document), file: median(whole), documentLines: chunk.split('\n').length };
}

export function schemaBench(root: string, runs: number): void {
  const bundle = join(root, 'rules/schema/k8s-schemas.ts');
  const load = bundleLoad(root, runs);
  console.log(`\nSchema bundle: ${kb(statSync(bundle).size)} of source; parsed in a fresh process in ${ms(median(load))} median of ${load.length} (budget 50 ms).`);
  const server = join(root, 'dist/server.js');
  if (existsSync(server)) console.log(`dist/server.js: ${kb(statSync(server).size)}.`);
  const vsix = join(root, `kube-harden-${require(join(root, 'package.json')).version}.vsix`);
  if (existsSync(vsix)) console.log(`VSIX (npm run package): ${kb(statSync(vsix).size)} (budget 3 MB).`);
  console.log('\n| manifest | schema rules on the changed document (one keystroke) | schema rules on every document (first check) |');
  console.log('|---|---|---|');
  for (const lines of [1000, 10000]) {
    const { document, file, documentLines } = perKeystroke(lines, Math.max(21, runs));
    console.log(`| ${lines} lines | ${ms(document)} (${documentLines}-line document) | ${ms(file)} |`);
  }
}
