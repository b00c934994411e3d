// A document with syntax errors, read without its broken lines. The yaml package recovers from an
// error in ways that are hard to bound (a line can land in another map, or swallow the rest), so the
// lines that hold an error are blanked out (offsets kept) and the document parsed again: when that
// parses cleanly, it is exactly the document minus the lines being typed, and its findings can be
// judged against where those lines sit (partial-trust.ts). Otherwise the document stays unchecked.

import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import { mergeProblem } from './yaml-checks';

/** The blanked lines of a document: [start, end) of each, end before its newline. */
export type BrokenLines = Array<[number, number]>;

export interface Repair {
  /** The document parsed without its broken lines, at the same offsets. */
  doc: Document.Parsed;
  lines: BrokenLines;
}

/**
 * Errors whose document is not worth reading without them: duplicate keys make a value ambiguous
 * (which one Kubernetes takes depends on the client), and exhausted resources mean absurd input.
 */
const unrepairable = new Set(['DUPLICATE_KEY', 'RESOURCE_EXHAUSTION']);

/** A line that starts or ends a document, or a directive: leaving it out changes which document is which. */
const marker = /^(?:(?:---|\.\.\.)(?=[ \t\r]|$)|%)/m;

/**
 * For each document with syntax errors (by index), the same document without its broken lines, when
 * it then parses cleanly. `parse` must be the parser that produced `docs`, so documents line up.
 */
export function repairDocuments(text: string, docs: readonly Document.Parsed[], parse: (text: string) => Document.Parsed[]): Map<number, Repair> {
  const out = new Map<number, Repair>();
  const broken = new Map<number, BrokenLines>();
  docs.forEach((doc, index) => {
    if (doc.errors.length === 0 || doc.errors.some((e) => unrepairable.has(e.code))) return;
    const lines = linesOf(
      text,
      doc.errors.map((e) => widen(doc, e.pos)),
    );
    // Without its `---` line (a flow document on it, being typed) the document would join the one
    // before: it stays unchecked, and the other documents still line up and are repaired.
    if (lines.some(([start, end]) => marker.test(text.slice(start, end)))) return;
    broken.set(index, lines);
  });
  if (broken.size === 0) return out;
  const blanked = blank(text, [...broken.values()].flat());
  let reparsed: Document.Parsed[];
  try {
    reparsed = parse(blanked);
  } catch {
    return out;
  }
  // A blanked `---` (or a broken line that was one) moves every later document: nothing lines up.
  if (reparsed.length !== docs.length) return out;
  for (const [index, lines] of broken) {
    const doc = reparsed[index];
    if (doc.errors.length > 0 || mergeProblem(doc) !== undefined) continue;
    out.set(index, { doc, lines });
  }
  return out;
}

/**
 * An error's range, from the start of the scalar it ends or lies in: an unclosed quote is reported
 * where the text ends, but the line to leave out is the one that opens the quote.
 */
function widen(doc: Document.Parsed, [from, to]: [number, number]): [number, number] {
  let start = from;
  const walk = (node: unknown, depth: number): void => {
    if (depth > 200 || node == null || typeof node !== 'object') return;
    if (isPair(node)) {
      walk(node.key, depth + 1);
      walk(node.value, depth + 1);
    } else if (isScalar(node)) {
      const range = node.range;
      if (range && range[0] < start && from <= range[1]) start = range[0];
    } else if (isMap(node) || isSeq(node)) {
      const range = node.range;
      if (range && (from < range[0] || from > range[2])) return;
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(doc.contents, 0);
  return [start, Math.max(to, from)];
}

/** Moves a repair's offsets by `delta`, with its document's (see shiftDocument). */
export function shiftRepair(repair: Repair, delta: number, shiftDocument: (doc: Document.Parsed, delta: number) => void): void {
  shiftDocument(repair.doc, delta);
  for (const line of repair.lines) {
    line[0] += delta;
    line[1] += delta;
  }
}

/** The whole lines (without their newlines) that the error ranges touch, merged and in order. */
function linesOf(text: string, ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const [from, to] of ranges) {
    const start = text.lastIndexOf('\n', Math.max(0, Math.min(from, text.length) - 1)) + 1;
    const last = Math.max(from, to - 1);
    const newline = text.indexOf('\n', Math.min(last, text.length));
    spans.push([start, newline < 0 ? text.length : newline]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const prev = merged[merged.length - 1];
    if (prev && span[0] <= prev[1] + 1) prev[1] = Math.max(prev[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** The text with every character of the spans but line breaks replaced by a space. */
function blank(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}
