// Shrinks a mismatch of the incremental property test to a small reproduction: the versions of the
// open documents that were analysed since the last agreement, with the lines that no version changes
// removed while the incremental and fresh results still differ. What remains is a regression test's input.

import { freshSnapshots, IncrementalWorkspace, outcomeDiff, outcomes } from './incremental-oracle';
import { Prng } from './prng';
import { TextEdit } from './random-edits';

/** The text of every open document at one version. */
export type Texts = Map<string, string>;

/** The one edit that turns `a` into `b`: what lies between their common prefix and suffix. */
export function editBetween(a: string, b: string): TextEdit {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { offset: start, length: a.length - start - end, text: b.slice(start, b.length - end) };
}

/** Opens the first version, analyses each next one after one edit per changed document, and compares the last with a fresh analysis. */
export async function replay(versions: readonly Texts[]): Promise<string | undefined> {
  const workspace = new IncrementalWorkspace(Object.fromEntries(versions[0]));
  for (const texts of versions.slice(1)) {
    for (const [file, text] of texts) if (workspace.texts.get(file) !== text) workspace.edit(file, editBetween(workspace.texts.get(file)!, text), false);
    workspace.settle();
  }
  const fresh = freshSnapshots(workspace.texts, workspace.versions);
  for (const file of workspace.texts.keys()) {
    const got = await outcomes(workspace.snapshot(file), fresh.get(file)!, new Prng(1), { maxActionProbes: 20, resolveDeferred: false });
    const diff = outcomeDiff(got.incremental, got.fresh);
    if (diff) return diff;
  }
  return undefined;
}

/** One document's versions as shared head lines, each version's own middle lines, and shared tail lines. */
function split(texts: readonly string[]) {
  const lists = texts.map((t) => t.split(/(?<=\n)/));
  const shortest = Math.min(...lists.map((l) => l.length));
  let head = 0;
  while (head < shortest && lists.every((l) => l[head] === lists[0][head])) head++;
  let tail = 0;
  while (tail < shortest - head && lists.every((l) => l[l.length - 1 - tail] === lists[0][lists[0].length - 1 - tail])) tail++;
  return { head: lists[0].slice(0, head), middles: lists.map((l) => l.slice(head, l.length - tail)), tail: lists[0].slice(lists[0].length - tail) };
}

/**
 * Removes shared lines (delta debugging over chunks of halving size) while the mismatch persists.
 * Undefined when these versions alone do not reproduce it (the history matters: replay the seed).
 */
export async function reduce(versions: readonly Texts[], budget = 400, differs = replay): Promise<{ versions: Texts[]; diff: string } | undefined> {
  let diff = await differs(versions);
  if (!diff) return undefined;
  let current = versions.map((v) => new Map(v));
  for (const file of [...versions[0].keys()]) {
    const parts = split(current.map((v) => v.get(file)!));
    for (const side of ['head', 'tail'] as const) {
      for (let size = Math.max(1, parts[side].length >> 1); size >= 1 && budget > 0; size = size === 1 ? 0 : size >> 1) {
        for (let at = 0; at < parts[side].length && budget > 0;) {
          budget--;
          const trial = { ...parts, [side]: [...parts[side].slice(0, at), ...parts[side].slice(at + size)] };
          const candidate = current.map((v, i) => new Map(v).set(file, [...trial.head, ...trial.middles[i], ...trial.tail].join('')));
          const found = await differs(candidate);
          if (found) {
            parts[side] = trial[side];
            current = candidate;
            diff = found;
          } else {
            at += size;
          }
        }
      }
    }
  }
  return { versions: current, diff };
}
