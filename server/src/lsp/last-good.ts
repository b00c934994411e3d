// The last analysis of a document that parsed, carried over while it is broken. Checking a broken
// document leaves out what its broken lines could change (engine/partial-trust.ts): while someone
// types a key in a container, that container's missing-field findings would blink off and on with
// every keystroke. When the only text that changed since the last good version is on the broken
// lines, the findings of that version still describe the rest of the document: they stay, moved
// past the edit, until the document parses again.

import { changeBetween, Finding, inFileOrder, LineIndex, ParseProblem, TextChange } from '../engine';
import { FileAnalysis } from './analysis';

interface Good {
  text: string;
  /** The settings, config and Namespace levels it was computed under: carried only under the same. */
  key: string;
  findings: Finding[];
}

/** The workspace model's generation before and after an analysis set the document's own facts. */
export interface Generations {
  before: number;
  after: number;
}

export class LastGoodAnalysis {
  private good: Good | undefined;
  /**
   * The model's generation that the next analysis should start from if nothing but this document's
   * own analyses changed the workspace since the good version; undefined once something else did.
   */
  private expected: number | undefined;

  /**
   * This version's analysis, with the last good version's findings added where this one cannot
   * judge them. `carried` says which rules' findings may be carried as they are; the others (the
   * workspace rules, which read other files that may have changed since) only while the model's
   * `generations` show no change but this document's own, or when this version makes them too but
   * withholds them.
   */
  apply(text: string, key: string, analysis: FileAnalysis, carried: (ruleId: string) => boolean, generations?: Generations): FileAnalysis {
    const syntax = analysis.problems.filter((p) => p.code === 'yaml-syntax');
    const sameWorkspace = generations !== undefined && this.expected === generations.before;
    this.expected = syntax.length === 0 || sameWorkspace ? generations?.after : undefined;
    if (analysis.problems.some((p) => p.code === 'not-checked')) {
      this.good = undefined;
      return analysis;
    }
    if (syntax.length === 0) {
      this.good = { text, key, findings: analysis.findings };
      return analysis;
    }
    const good = this.good;
    if (!good || good.key !== key) return analysis;

    const broken = brokenLines(analysis.file.lines, syntax);
    // Edits that parsed (anywhere outside the broken lines) may have changed any finding: then only the
    // checked findings of this version are shown.
    const change = changeBetween(good.text, text);
    if (!onBrokenLines(text, change, broken)) return analysis;

    const present = new Set(analysis.findings.map(identity));
    // A workspace rule's finding is carried while no other file changed since the good version (this
    // document's own broken versions declare less: that is the typing, not the workspace), or when this
    // version, checked without its broken lines, still makes it.
    const withheld = new Set((analysis.withheld ?? []).map(identity));
    const added: Finding[] = [];
    for (const finding of good.findings) {
      const end = finding.offset + finding.length;
      let offset: number;
      if (end <= change.start) offset = finding.offset;
      else if (finding.offset >= change.oldEnd) offset = finding.offset + change.start + change.inserted - change.oldEnd;
      else continue;
      if (broken.some(([start, stop]) => offset < stop && start < offset + finding.length)) continue;
      // Its fixes were computed on the old text's tree: it is shown, not fixed, until the text parses.
      const moved: Finding = { ...finding, offset, fix: undefined, suggestions: [] };
      if (present.has(identity(moved)) || !(carried(finding.ruleId) || sameWorkspace || withheld.has(identity(moved)))) continue;
      present.add(identity(moved));
      added.push(moved);
    }
    if (added.length === 0) return analysis;
    const findings = [...analysis.findings, ...added].sort(inFileOrder);
    return { ...analysis, findings };
  }
}

function identity(f: Finding): string {
  return `${f.ruleId}@${f.offset}+${f.length}:${f.message}`;
}

/**
 * Whether the change is on the broken lines: it touches one, and all it wrote outside them is
 * whitespace. An inserted line aligns in several ways (`  r\n      ` as much as `        r\n`).
 */
function onBrokenLines(text: string, change: TextChange, broken: ReadonlyArray<[number, number]>): boolean {
  const newEnd = change.start + change.inserted;
  const inBroken = (i: number) => broken.some(([start, end]) => i >= start && i < end);
  if (!broken.some(([start, end]) => change.start <= end && newEnd >= start - 1)) return false;
  for (let i = change.start; i < newEnd; i++) if (!/\s/.test(text[i]) && !inBroken(i)) return false;
  return true;
}

/** [start, end] of the whole lines the syntax problems touch, newline included. */
function brokenLines(lines: LineIndex, problems: readonly ParseProblem[]): Array<[number, number]> {
  return problems.map((p) => {
    const first = lines.position(p.offset).line;
    const last = lines.position(p.offset + p.length).line;
    return [lines.lineStart(first), last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.text.length];
  });
}
