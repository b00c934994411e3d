// The full-size incremental property test (`npm run fuzz`): thousands of random edit steps over every
// corpus manifest, incremental results compared with fresh analyses in process, and fewer steps
// through the bundled server. Exits 1 on a mismatch; the last line is the summary.
//
//   npm run fuzz -- [--seed N] [--edits N] [--files a.yaml,b.yaml] [--checkpoint N]
//                   [--protocol N] [--all-kinds | --kinds a,b] [--corpus dir]
//
// --edits: edit steps in process, spread over the files; --protocol: steps per file through the
// server (0 for none); --all-kinds: also the edits and checks of known, not yet fixed defects
// (random-edits.ts, the first pull in protocol-fuzz.ts);
// --kinds: only these kinds of edit.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { bigFile, describeMismatch, fuzzFile, Mismatch, pastesFor } from '../test/helpers/incremental-fuzz';
import { fuzzProtocol, ProtocolMismatch } from '../test/helpers/protocol-fuzz';
import { reduce } from '../test/helpers/reduce-mismatch';
import { EditKind, editKinds, knownDefects } from '../test/helpers/random-edits';
import { ensureBuilt } from '../test/lsp/client';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(option('seed') ?? Date.now() % 1_000_000);
const totalSteps = Number(option('edits') ?? 5000);
const protocolSteps = Number(option('protocol') ?? 40);
const checkpointEvery = Number(option('checkpoint') ?? 1);
const only = option('kinds')?.split(',') as EditKind[] | undefined;
const allKinds = process.argv.includes('--all-kinds');
const kinds = only ?? (allKinds ? editKinds : undefined);
if (only?.some((k) => !editKinds.includes(k))) {
  console.error(`--kinds: one of ${editKinds.join(', ')}`);
  process.exit(2);
}
const corpus = resolve(option('corpus') ?? join(__dirname, '../../shared/reference/corpus'));
if (!existsSync(corpus) || [seed, totalSteps, protocolSteps, checkpointEvery].some((n) => !Number.isInteger(n) || n < 0)) {
  console.error(existsSync(corpus) ? 'options are whole numbers' : `no corpus at ${corpus} (--corpus dir)`);
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

function describeProtocol(m: ProtocolMismatch): string {
  return [`through the server: seed ${m.seed}, corpus file ${m.corpusFile}, step ${m.step} (${m.kind}), document ${m.uri}`, m.diff].join('\n');
}

/** A reproduction with the lines no version changes removed, written beside the mismatch's texts. */
async function reduced(m: Mismatch): Promise<string> {
  // The reducer replays edits, which cannot tell two analyses of one text apart.
  if (m.wholeFile) return `one text, no history: compare the engine's check() with a new DocumentAnalyzer on ${join(m.saved, `after-${basename(m.file)}`)}`;
  const small = await reduce(m.versions);
  if (!small) return 'these versions alone do not reproduce it: replay the seed with --files';
  const out: string[] = [`reduced: open the first version, then change each document to each next version in one edit (${small.versions.length} versions):`];
  small.versions.forEach((texts, i) => {
    for (const [file, text] of texts) {
      writeFileSync(join(m.saved, `reduced-${i + 1}-${basename(file)}`), text);
      if (i === 0 || small.versions[i - 1].get(file) !== text) out.push(`--- version ${i + 1} of ${file}\n${text}`);
    }
  });
  out.push(small.diff);
  return out.join('\n');
}

async function main(): Promise<void> {
  console.log(`seed ${seed}: ${totalSteps} edit steps in process and ${protocolSteps} per file through the server, over ${wanted.length} files${kinds ? `, edit kinds: ${kinds.join(', ')}` : ''}`);
  if (!kinds) for (const [kind, why] of Object.entries(knownDefects)) console.log(`not drawn: ${kind} (${why})`);
  const perFile = Math.max(1, Math.round(totalSteps / wanted.length));
  let edits = 0;
  let checkpoints = 0;
  const mismatches: string[] = [];
  const report = (name: string, level: string, r: { steps: number; edits: number; checkpoints: number }, found: number, started: number) =>
    console.log(`${name} ${level}: ${r.steps} steps, ${r.edits} edits, ${r.checkpoints} checkpoints, ${found} mismatches (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const name of wanted) {
    const text = texts.get(name)!;
    const big = text.length > bigFile;
    const fragments = pastesFor(texts, name);
    let started = Date.now();
    const probe = { maxActionProbes: 12, resolveDeferred: text.length < 100_000 };
    const local = await fuzzFile(name, text, { seed, steps: perFile, checkpointEvery: big ? Math.max(checkpointEvery, 25) : checkpointEvery, fragments, probe, kinds, wholeFile: !big });
    edits += local.edits;
    checkpoints += local.checkpoints;
    report(name, 'in process', local, local.mismatches.length, started);
    for (const m of local.mismatches) mismatches.push(`${describeMismatch(m)}\n${await reduced(m)}`);
    if (protocolSteps === 0) continue;
    ensureBuilt();
    started = Date.now();
    const folder = mkdtempSync(join(tmpdir(), 'kube-harden-fuzz-'));
    try {
      const remote = await fuzzProtocol(name, text, {
        seed,
        steps: protocolSteps,
        checkpointEvery: big ? 20 : 5,
        fragments,
        folder,
        probe: { ...probe, maxActionProbes: 6 },
        kinds,
      });
      edits += remote.edits;
      checkpoints += remote.checkpoints;
      report(name, 'through the server', remote, remote.protocolMismatches.length, started);
      mismatches.push(...remote.protocolMismatches.map(describeProtocol));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  for (const m of mismatches) console.log(`\n${m}`);
  console.log(`${edits} edits, ${checkpoints} checkpoints, ${mismatches.length} mismatches`);
  process.exitCode = mismatches.length > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
