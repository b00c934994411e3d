// The driver of the incremental property tests (in process): random edit steps on a corpus manifest
// and on a second open document holding NetworkPolicies and a Namespace (the cross-file facts), with
// the incremental results compared against a fresh analysis at checkpoints. Each corpus file has its
// own generator derived from the seed and the file's name, so `--files` reproduces a run's sequence.

import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { rules } from '../../rules';
import { freshSnapshots, IncrementalWorkspace, outcomeDiff, outcomes, ProbeOptions, wholeFileDiff } from './incremental-oracle';
import { Prng } from './prng';
import { EditContext, EditKind, EditStep, randomStep, TextEdit } from './random-edits';

export const ruleIds = rules.map((r) => r.id);

/** A second open document: policies and a Namespace about the manifest's namespace and app. */
export function companionOf(manifest: string): string {
  const namespace = /^ {2}namespace: "?([\w.-]+)"?$/m.exec(manifest)?.[1];
  const app = /^ {6,}(?:app|app\.kubernetes\.io\/name): "?([\w.-]+)"?$/m.exec(manifest)?.[1] ?? 'web';
  const ns = namespace ? `\n  namespace: ${namespace}` : '';
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny${ns}
spec:
  podSelector: {}
  policyTypes:
    - Ingress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-${app}${ns}
spec:
  podSelector:
    matchLabels:
      app: ${app}
  policyTypes:
    - Ingress
    - Egress
  egress:
    - to:
        - podSelector: {}
---
apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace ?? 'default'}
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.30
`;
}

/** A fresh analysis of a file this large takes a second or more: `npm run fuzz` compares it less often. */
export const bigFile = 500_000;

/** The texts `npm run fuzz` pastes into the corpus file `name`: the other files, but the large ones. */
export function pastesFor(texts: ReadonlyMap<string, string>, name: string): string[] {
  return [...texts].filter(([f, t]) => f !== name && t.length < bigFile).map(([, t]) => t);
}

/** A stable 32-bit hash, to derive one generator per file from the run's seed. */
export function hashOf(seed: number, name: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

export interface FuzzOptions {
  seed: number;
  /** Edit steps per corpus file. */
  steps: number;
  /** Compare after every `checkpointEvery` steps (and after the last). */
  checkpointEvery: number;
  probe: ProbeOptions;
  /** Texts of the other corpus files, to paste fragments from. */
  fragments: readonly string[];
  kinds?: readonly EditKind[];
  /** Also compare the fresh analysis with the engine's whole-file check (one more analysis per checkpoint). */
  wholeFile?: boolean;
  /** Where to write the texts of a mismatch (a temporary folder when absent). */
  reportDir?: string;
}

/** The lines around the step's first edit in the text after it: enough to see what happened. */
function excerpt(text: string, offset: number, context = 4): string {
  const line = text.slice(0, offset).split('\n').length - 1;
  const all = text.split('\n');
  const first = Math.max(0, line - context);
  return all
    .slice(first, line + context + 1)
    .map((l, i) => `${String(first + i + 1).padStart(6)}${first + i === line ? '>' : ' '} ${l}`)
    .join('\n');
}

export interface Mismatch {
  seed: number;
  corpusFile: string;
  /** The open document that differs, and the step after which it did. */
  file: string;
  step: number;
  kind: EditKind;
  edits: TextEdit[];
  diff: string;
  /**
   * True when the incremental and fresh analyses agree and the fresh one differs from the engine's
   * whole-file check (the CLI's): a difference of one text, which no edit history explains.
   */
  wholeFile: boolean;
  /** The edited document's text around the step's first edit. */
  excerpt: string;
  /** The folder holding every document's text before and after the step, and the step itself. */
  saved: string;
  /** Every document's text at the previous checkpoint, at each version analysed since, and at this checkpoint. */
  versions: Array<Map<string, string>>;
}

export interface FuzzResult {
  edits: number;
  steps: number;
  checkpoints: number;
  mismatches: Mismatch[];
}

/** Runs `steps` random steps on one corpus file and its companion; stops at the first mismatch. */
export async function fuzzFile(name: string, manifest: string, options: FuzzOptions): Promise<FuzzResult> {
  const rng = new Prng(hashOf(options.seed, basename(name)));
  const main = `/ws/${basename(name)}`;
  const companion = '/ws/policies.yaml';
  const workspace = new IncrementalWorkspace({ [main]: manifest, [companion]: companionOf(manifest) });
  const result: FuzzResult = { edits: 0, steps: 0, checkpoints: 0, mismatches: [] };
  let before = new Map(workspace.texts);
  let history = [before];
  for (let step = 1; step <= options.steps; step++) {
    // Most edits go to the manifest; one in four to the policies, whose facts the manifest's rules read.
    const file = rng.chance(0.75) ? main : companion;
    const text = workspace.texts.get(file)!;
    const targets = workspace.analysis(file).findings.map((f) => ({ offset: f.offset, ruleId: f.ruleId }));
    const ctx: EditContext = { fragments: options.fragments, ruleIds, targets, kinds: options.kinds };
    const { kind, edits }: EditStep = randomStep(text, rng, ctx);
    // Some versions are analysed as they come (a pull per keystroke), others only with the next ones.
    for (const edit of edits) {
      const analyze = rng.chance(0.6);
      workspace.edit(file, edit, analyze);
      if (analyze) history.push(new Map(workspace.texts));
    }
    result.edits += edits.length;
    result.steps++;
    if (step % options.checkpointEvery !== 0 && step !== options.steps) continue;
    result.checkpoints++;
    workspace.settle(file);
    const fresh = freshSnapshots(workspace.texts, workspace.versions);
    const probeRng = rng.fork();
    for (const open of [main, companion]) {
      const got = await outcomes(workspace.snapshot(open), fresh.get(open)!, probeRng, options.probe);
      const incremental = outcomeDiff(got.incremental, got.fresh);
      const diff = incremental ?? (options.wholeFile ? wholeFileDiff(fresh.get(open)!) : undefined);
      if (!diff) continue;
      const saved = save(options, name, step, before, workspace.texts, { file, kind, edits });
      const around = excerpt(workspace.texts.get(file)!, edits[0]?.offset ?? 0);
      const versions = [...history, new Map(workspace.texts)];
      result.mismatches.push({ seed: options.seed, corpusFile: name, file: open, step, kind, edits, diff, wholeFile: incremental === undefined, excerpt: around, saved, versions });
      return result;
    }
    before = new Map(workspace.texts);
    history = [before];
  }
  return result;
}

function save(options: FuzzOptions, name: string, step: number, before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, last: unknown): string {
  const dir = join(options.reportDir ?? tmpdir(), `kube-harden-fuzz-${options.seed}-${basename(name, '.yaml')}-${step}`);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of before) writeFileSync(join(dir, `before-${basename(file)}`), text);
  for (const [file, text] of after) writeFileSync(join(dir, `after-${basename(file)}`), text);
  writeFileSync(join(dir, 'last-step.json'), JSON.stringify(last, null, 2));
  return dir;
}

export function describeMismatch(m: Mismatch): string {
  return [
    `${m.wholeFile ? "the editor's analysis from scratch and the whole-file check differ" : 'incremental and fresh results differ'}: seed ${m.seed}, corpus file ${m.corpusFile}, step ${m.step} (${m.kind} on ${m.file === '/ws/policies.yaml' ? 'the policies' : 'the manifest'}), document ${m.file}`,
    `edits of the step: ${JSON.stringify(m.edits)}`,
    `texts before and after the last checkpoint: ${m.saved}`,
    `the edited document around the edit:\n${m.excerpt}`,
    m.diff,
  ].join('\n');
}
