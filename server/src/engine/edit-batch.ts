// Choosing which fixes of one fix-all round to apply together: those whose edits touch no edit
// already taken. The check is a binary search among the spans taken so far, so a round with
// thousands of fixes costs n log n, not n².

import { Edit } from './rule';

/** Disjoint, non-touching [start, end] spans, sorted by start (and so by end). */
class Spans {
  private starts: number[] = [];
  private ends: number[] = [];

  /** Whether [start, end] touches a span (sharing an end point counts). */
  touches(start: number, end: number): boolean {
    const i = this.lastStartingBy(end);
    return i >= 0 && this.ends[i] >= start;
  }

  /** Adds a span that touches none. */
  add(start: number, end: number): void {
    const at = this.lastStartingBy(start) + 1;
    this.starts.splice(at, 0, start);
    this.ends.splice(at, 0, end);
  }

  /** The index of the last span starting at or before `offset`, or -1. */
  private lastStartingBy(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/**
 * Keeps the edits of each fix together and drops a fix whose edits touch an edit already taken
 * (touching counts: an insertion at the end of a removed block would land in the wrong place).
 * Identical fixes of several findings are applied once; dropped fixes are redone in the next round.
 */
export function takeNonOverlapping(groups: readonly Edit[][]): Edit[] {
  const taken: Edit[] = [];
  const spans = new Spans();
  const seen = new Set<string>();
  for (const group of groups) {
    if (group.length === 0) continue;
    const key = JSON.stringify(group);
    if (seen.has(key)) continue;
    if (group.some((edit) => spans.touches(edit.offset, edit.offset + edit.length))) continue;
    seen.add(key);
    for (const [start, end] of merged(group)) spans.add(start, end);
    taken.push(...group);
  }
  return taken;
}

/** A fix's own edits as disjoint spans: edits of one fix may touch each other. */
function merged(group: readonly Edit[]): Array<[number, number]> {
  const sorted = group.map((e): [number, number] => [e.offset, e.offset + e.length]).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
