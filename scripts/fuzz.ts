// The full-size incremental property test (`npm run fuzz`): thousands of random edit steps over every
// corpus manifest, incremental results compared with fresh analyses, in process and (with
// `--protocol N`) through the bundled server. Exits 1 on a mismatch; the last line is the summary.
//
//   npm run fuzz -- [--seed N] [--edits N] [--files a.yaml,b.yaml] [--checkpoint N] [--protocol N] [--corpus dir]

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeMismatch, fuzzFile, Mismatch } from '../test/helpers/incremental-fuzz';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(option('seed') ?? Date.now() % 1_000_000);
const totalEdits = Number(option('edits') ?? 5000);
const checkpointEvery = Number(option('checkpoint') ?? 1);
const corpus = resolve(option('corpus') ?? join(__dirname, '../../shared/reference/corpus'));
if (!existsSync(corpus)) {
  console.error(`no corpus at ${corpus} (--corpus dir)`);
  process.exit(2);
}
const all = readdirSync(corpus).filter((f) => f.endsWith('.yaml'));
const wanted = option('files')?.split(',') ?? all;
const unknown = wanted.filter((f) => !all.includes(f));
if (unknown.length > 0) {
  console.error(`not in ${corpus}: ${unknown.join(', ')}`);
  process.exit(2);
}
const texts = new Map(all.map((f) => [f, readFileSync(join(corpus, f), 'utf8')]));
// Large files cost a fresh analysis of a second or more: compare them less often.
const bigFile = 500_000;

async function main(): Promise<void> {
  console.log(`seed ${seed}, ${totalEdits} edit steps over ${wanted.length} files`);
  const perFile = Math.max(1, Math.round(totalEdits / wanted.length));
  let edits = 0;
  let steps = 0;
  let checkpoints = 0;
  const mismatches: Mismatch[] = [];
  for (const name of wanted) {
    const text = texts.get(name)!;
    const every = text.length > bigFile ? Math.max(checkpointEvery, 25) : checkpointEvery;
    const fragments = [...texts].filter(([f, t]) => f !== name && t.length < bigFile).map(([, t]) => t);
    const started = Date.now();
    const result = await fuzzFile(name, text, { seed, steps: perFile, checkpointEvery: every, fragments, probe: { maxActionProbes: 12, resolveDeferred: text.length < 100_000 } });
    edits += result.edits;
    steps += result.steps;
    checkpoints += result.checkpoints;
    mismatches.push(...result.mismatches);
    console.log(`${name}: ${result.steps} steps, ${result.edits} edits, ${result.checkpoints} checkpoints, ${result.mismatches.length} mismatches (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const m of result.mismatches) console.log(describeMismatch(m));
  }
  console.log(`${edits} edits, ${checkpoints} checkpoints, ${mismatches.length} mismatches`);
  process.exitCode = mismatches.length > 0 ? 1 : 0;
  void steps;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
