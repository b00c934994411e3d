// A chunk's findings as the incremental analysis keeps them: relative to the chunk, placed in the
// file while the chunk stays where it is, and put in the file's order with the findings each copies.

import { Finding, inFileOrder } from '../engine';
import { copiedFindings } from './convert';

/** A chunk's findings, and those withheld while it has syntax errors (most often none). */
export interface Lists {
  shown: Finding[];
  withheld: Finding[];
}

/**
 * Each workspace-scope rule's findings in a chunk, under the key it was linted with, in the order of
 * the rules. Arrays, not a map by rule: a map and an entry per rule in each of thousands of chunks
 * took megabytes, for lists that are nearly all empty.
 */
export interface WorkspaceFindings {
  /** The rules' ids, joined: the order `keys` and `lists` follow. */
  rules: string;
  /** Shared by every chunk linted in the same analysis. */
  keys: readonly string[];
  /** Undefined when no rule found anything (most chunks). */
  lists?: readonly Lists[];
}

export const none: Finding[] = [];
/** Most rules find nothing in most chunks: one shared answer for all of them (never written to). */
export const nothing: Lists = { shown: none, withheld: none };
export const listsOf = (shown: Finding[], withheld: Finding[]): Lists => (shown.length === 0 && withheld.length === 0 ? nothing : { shown, withheld });

/** Copies of findings moved by `offset` characters and `documents` documents: into a chunk or out of it. */
export function moved(list: Finding[], offset: number, documents: number): Finding[] {
  return list.length === 0 ? none : list.map((f) => ({ ...f, offset: f.offset + offset, documentIndex: f.documentIndex + documents }));
}

/**
 * The file's findings in order, with the chunk findings each was copied from in the same order
 * (see copiedFindings). The chunks' lists come in order but for ties at their edges: sorted only then.
 */
export function inOrder(findings: Finding[], originals: Finding[]): Finding[] {
  let sorted = true;
  for (let i = 1; sorted && i < findings.length; i++) sorted = inFileOrder(findings[i - 1], findings[i]) <= 0;
  if (sorted) {
    copiedFindings(findings, originals);
    return findings;
  }
  // A stable sort of the positions: the order findings.sort(inFileOrder) gives, for both lists.
  const order = findings.map((_, i) => i).sort((i, j) => inFileOrder(findings[i], findings[j]));
  const out = order.map((i) => findings[i]);
  copiedFindings(
    out,
    order.map((i) => originals[i]),
  );
  return out;
}
