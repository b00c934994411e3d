// Fix-all and "Harden": apply safe fixes, re-lint, repeat until nothing changes (at most ten
// rounds), instead of merging edits computed against a text that no longer exists.

import { applyEdits } from './edits';
import { parseManifest } from './parse';
import { Edit, Finding } from './rule';
import { lint, LintOptions } from './runner';

export interface FixAllResult {
  text: string;
  /** One edit from the original text to the final one (empty when nothing changed). */
  edits: Edit[];
  rounds: number;
  /** Findings left after fixing, among those the filter selects. */
  remaining: Finding[];
}

export type FindingFilter = (finding: Finding) => boolean;

const maxRounds = 10;

export function fixAll(text: string, options: LintOptions, filter: FindingFilter = () => true): FixAllResult {
  let current = text;
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    const file = parseManifest(current);
    const fixable = lint(file, options).findings.filter((f) => f.fix && filter(f));
    if (fixable.length === 0) break;
    const edits = nonOverlapping(fixable.map((f) => safeEdits(f, file, options)));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  const remaining = lint(parseManifest(current), options).findings.filter(filter);
  return { text: current, edits: diffEdit(text, current), rounds, remaining };
}

/** A fix that throws is reported like a rule that throws (it is a bug), and the others still apply. */
function safeEdits(finding: Finding, file: ReturnType<typeof parseManifest>, options: LintOptions): Edit[] {
  try {
    return finding.fix!.apply(file);
  } catch (error) {
    options.onRuleError?.(finding.ruleId, error);
    return [];
  }
}

/**
 * Keeps the edits of each fix together and drops a fix whose edits touch an edit already taken
 * (touching counts: an insertion at the end of a removed block would land in the wrong place).
 * Identical fixes of several findings are applied once; dropped fixes are redone in the next round.
 */
function nonOverlapping(groups: Edit[][]): Edit[] {
  const taken: Edit[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    if (group.length === 0) continue;
    const key = JSON.stringify(group);
    if (seen.has(key)) continue;
    const clash = group.some((edit) => taken.some((t) => edit.offset <= t.offset + t.length && t.offset <= edit.offset + edit.length));
    if (clash) continue;
    seen.add(key);
    taken.push(...group);
  }
  return taken;
}

/** The smallest single edit that turns `before` into `after`. */
export function diffEdit(before: string, after: string): Edit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return [{ offset: start, length: endBefore - start, text: after.slice(start, endAfter) }];
}
