// Shrinks a mismatch of the incremental property test to a small reproduction: two versions of each
// open document (before and after one edit), with the lines the edit does not touch removed while the
// incremental and fresh results still differ. What remains is a regression test's input.

import { freshSnapshots, IncrementalWorkspace, outcomeDiff, outcomes } from './incremental-oracle';
import { Prng } from './prng';
import { TextEdit } from './random-edits';

type Texts = Map<string, string>;

/** The one edit that turns `a` into `b`: what lies between their common prefix and suffix. */
export function editBetween(a: string, b: string): TextEdit {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { offset: start, length: a.length - start - end, text: b.slice(start, b.length - end) };
}

/** The difference between incremental and fresh results after one edit per changed document, if any. */
export async function replay(before: Texts, after: Texts): Promise<string | undefined> {
  const workspace = new IncrementalWorkspace(Object.fromEntries(before));
  for (const [file, text] of after) if (before.get(file) !== text) workspace.edit(file, editBetween(before.get(file)!, text), false);
  workspace.settle();
  const fresh = freshSnapshots(workspace.texts, workspace.versions);
  for (const file of after.keys()) {
    const got = await outcomes(workspace.snapshot(file), fresh.get(file)!, new Prng(1), { maxActionProbes: 20, resolveDeferred: false });
    const diff = outcomeDiff(got.incremental, got.fresh);
    if (diff) return diff;
  }
  return undefined;
}

/** Splits a document's two versions into shared head lines, the changed middle and shared tail lines. */
function split(a: string, b: string) {
  const la = a.split(/(?<=\n)/);
  const lb = b.split(/(?<=\n)/);
  let head = 0;
  while (head < la.length && head < lb.length && la[head] === lb[head]) head++;
  let tail = 0;
  while (tail < la.length - head && tail < lb.length - head && la[la.length - 1 - tail] === lb[lb.length - 1 - tail]) tail++;
  return { head: la.slice(0, head), middleA: la.slice(head, la.length - tail), middleB: lb.slice(head, lb.length - tail), tail: la.slice(la.length - tail) };
}

/**
 * Removes shared lines (delta debugging over chunks of halving size) while the mismatch persists.
 * Undefined when the two versions alone do not reproduce it (the history matters: replay the seed).
 */
export async function reduce(before: Texts, after: Texts, budget = 400): Promise<{ before: Texts; after: Texts; diff: string } | undefined> {
  let diff = await replay(before, after);
  if (!diff) return undefined;
  let current = { before: new Map(before), after: new Map(after) };
  for (const file of [...after.keys()]) {
    const parts = split(current.before.get(file)!, current.after.get(file)!);
    for (const side of ['head', 'tail'] as const) {
      for (let size = Math.max(1, parts[side].length >> 1); size >= 1 && budget > 0; size = size === 1 ? 0 : size >> 1) {
        for (let at = 0; at < parts[side].length && budget > 0;) {
          budget--;
          const trial = { ...parts, [side]: [...parts[side].slice(0, at), ...parts[side].slice(at + size)] };
          const b = new Map(current.before).set(file, [...trial.head, ...trial.middleA, ...trial.tail].join(''));
          const a = new Map(current.after).set(file, [...trial.head, ...trial.middleB, ...trial.tail].join(''));
          const found = await replay(b, a);
          if (found) {
            parts[side] = trial[side];
            current = { before: b, after: a };
            diff = found;
          } else {
            at += size;
          }
        }
      }
    }
  }
  return { ...current, diff };
}
