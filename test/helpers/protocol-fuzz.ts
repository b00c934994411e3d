// The protocol level of the incremental property tests: random edit steps sent as incremental
// didChange notifications to the real bundled server (pull diagnostics, lazily resolved code actions),
// compared at checkpoints with a new server that opens the same texts, at the same versions.

import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeAction, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../lsp/client';
import { actionLine, diagnosticLine, Outcome, outcomeDiff, ProbeOptions, probes } from './incremental-oracle';
import { companionOf, FuzzResult, hashOf, ruleIds } from './incremental-fuzz';
import { Prng } from './prng';
import { EditKind, randomStep } from './random-edits';

export interface ProtocolFuzzOptions {
  seed: number;
  steps: number;
  checkpointEvery: number;
  probe: ProbeOptions;
  fragments: readonly string[];
  /** An existing, empty workspace folder: the documents live there, never on disk. */
  folder: string;
  kinds?: readonly EditKind[];
  /**
   * Also compare the first pull of the edited document, before the others are pulled (issue 17,
   * defect 12: pull mode once used the disk copy of open documents not pulled since their change).
   * On unless a caller turns it off.
   */
  firstPull?: boolean;
}

export interface ProtocolMismatch {
  seed: number;
  corpusFile: string;
  uri: string;
  step: number;
  kind: EditKind;
  diff: string;
  /** Every document's text at the checkpoint. */
  texts: Map<string, string>;
}

// A fresh server cannot know what a document that does not parse said before, so the incremental one
// is asked not to hold such a document's facts or findings either (ClientInfo.holdBrokenFacts); that
// is tested on its own (last-good.test.ts).
const client = (folder: string) => TestClient.start({ pull: true, resolveEdits: true, workspaceFolders: [folder], initializationOptions: { holdBrokenFacts: false } });

/**
 * Pulls every document until a whole round reports nothing new: a change of facts re-keys the others.
 * This compares settled results only; transient ones (issue 17, defects 12 and 13) are what `firstPull` checks.
 */
async function settle(c: TestClient, uris: readonly string[]): Promise<Map<string, Diagnostic[]>> {
  const ids = new Map<string, string | undefined>();
  const items = new Map<string, Diagnostic[]>();
  for (let round = 0; round < 5; round++) {
    let changed = false;
    for (const uri of uris) {
      const report: DocumentDiagnosticReport = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: ids.get(uri) });
      if (report.kind === 'unchanged') continue;
      changed = true;
      ids.set(uri, report.resultId);
      items.set(uri, report.items);
    }
    if (!changed) break;
  }
  return items;
}

async function outcomeOf(c: TestClient, uri: string, diagnostics: Diagnostic[], requests: ReturnType<typeof probes>, options: ProbeOptions): Promise<Outcome> {
  const actions: string[] = [];
  for (const params of requests) {
    const where = `${params.range.start.line}:${params.range.start.character}`;
    for (const action of await c.codeActions(uri, params.range, params.context.diagnostics)) {
      const resolved: CodeAction = options.resolveDeferred && !action.edit && action.data ? await c.request('codeAction/resolve', action) : action;
      actions.push(actionLine(where, resolved));
    }
  }
  return { diagnostics: diagnostics.map(diagnosticLine), actions };
}

export async function fuzzProtocol(name: string, manifest: string, options: ProtocolFuzzOptions): Promise<FuzzResult & { protocolMismatches: ProtocolMismatch[] }> {
  // A different stream from the in-process run of the same seed, so the two levels try different edits.
  const rng = new Prng(hashOf(options.seed, `protocol:${basename(name)}`));
  const main = pathToFileURL(join(options.folder, basename(name))).href;
  const companion = pathToFileURL(join(options.folder, 'policies.yaml')).href;
  const uris = [main, companion];
  const result = { edits: 0, steps: 0, checkpoints: 0, mismatches: [], protocolMismatches: [] as ProtocolMismatch[] };
  const incremental = await client(options.folder);
  try {
    await incremental.open(main, manifest);
    await incremental.open(companion, companionOf(manifest));
    let last = await settle(incremental, uris);
    for (let step = 1; step <= options.steps; step++) {
      const uri = rng.chance(0.75) ? main : companion;
      const text = incremental.text(uri);
      const at = TextDocument.create(uri, 'yaml', 1, text);
      const targets = (last.get(uri) ?? []).flatMap((d) => (typeof d.code === 'string' ? [{ offset: at.offsetAt(d.range.start), ruleId: d.code }] : []));
      const { kind, edits } = randomStep(text, rng, { fragments: options.fragments, ruleIds, targets, kinds: options.kinds });
      for (const edit of edits) {
        const doc = TextDocument.create(uri, 'yaml', 1, incremental.text(uri));
        await incremental.change(uri, [{ range: { start: doc.positionAt(edit.offset), end: doc.positionAt(edit.offset + edit.length) }, text: edit.text }]);
        // Some keystrokes are pulled at once, as an editor does while typing; most are not.
        if (rng.chance(0.3)) await incremental.request('textDocument/diagnostic', { textDocument: { uri } });
      }
      result.edits += edits.length;
      result.steps++;
      if (step % options.checkpointEvery !== 0 && step !== options.steps) continue;
      result.checkpoints++;
      const firstPull: DocumentDiagnosticReport = await incremental.request('textDocument/diagnostic', { textDocument: { uri } });
      // The edited document first, as the editor pulls it first; then the others, after the refresh.
      last = await settle(incremental, [uri, ...uris.filter((u) => u !== uri)]);
      const fresh = await client(options.folder);
      try {
        for (const u of uris) await fresh.open(u, incremental.text(u), 'yaml', incremental.version(u));
        const reference = await settle(fresh, uris);
        const probeRng = rng.fork();
        if (options.firstPull !== false && firstPull.kind === 'full') {
          const diff = outcomeDiff({ diagnostics: firstPull.items.map(diagnosticLine), actions: [] }, { diagnostics: (reference.get(uri) ?? []).map(diagnosticLine), actions: [] });
          if (diff) {
            result.protocolMismatches.push({
              seed: options.seed,
              corpusFile: name,
              uri,
              step,
              kind,
              diff: `first pull of the edited document:\n${diff}`,
              texts: new Map(uris.map((x) => [x, incremental.text(x)])),
            });
            return result;
          }
        }
        for (const u of uris) {
          const mine = last.get(u) ?? [];
          const theirs = reference.get(u) ?? [];
          const same = mine.map(diagnosticLine).join('\n') === theirs.map(diagnosticLine).join('\n');
          const requests = same ? probes(u, theirs, probeRng, options.probe) : [];
          const diff = outcomeDiff(await outcomeOf(incremental, u, mine, requests, options.probe), await outcomeOf(fresh, u, theirs, requests, options.probe));
          if (!diff) continue;
          result.protocolMismatches.push({ seed: options.seed, corpusFile: name, uri: u, step, kind, diff, texts: new Map(uris.map((x) => [x, incremental.text(x)])) });
          return result;
        }
      } finally {
        await fresh.stop();
      }
    }
    return result;
  } finally {
    await incremental.stop();
  }
}
