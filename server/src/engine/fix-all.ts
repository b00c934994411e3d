// Fix-all and "Harden": apply safe fixes, re-lint, repeat until nothing changes (at most ten
// rounds), instead of merging edits computed against a text that no longer exists. Each round
// applies every fix that does not touch another in one pass, and re-parses only the documents
// that changed, so a round costs time linear in the file and its findings.

import { applyEdits } from './edits';
import { ParsedFile } from './parse';
import { Reparser } from './reparse';
import { Edit, Finding } from './rule';
import { lint, LintOptions } from './runner';
import { takeNonOverlapping } from './edit-batch';

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
  const parser = new Reparser();
  let current = text;
  let rounds = 0;
  for (;;) {
    const file = parser.parse(current);
    const findings = lint(file, options).findings.filter(filter);
    const fixable = rounds < maxRounds ? findings.filter((f) => f.fix) : [];
    const edits = takeNonOverlapping(fixable.map((f) => safeEdits(f, file, options)));
    const next = edits.length > 0 ? applyEdits(current, edits) : current;
    if (next === current) return { text: current, edits: diffEdit(text, current), rounds, remaining: findings };
    current = next;
    rounds++;
  }
}

/** A fix that throws is reported like a rule that throws (it is a bug), and the others still apply. */
function safeEdits(finding: Finding, file: ParsedFile, options: LintOptions): Edit[] {
  try {
    return finding.fix!.apply(file);
  } catch (error) {
    options.onRuleError?.(finding.ruleId, error);
    return [];
  }
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
