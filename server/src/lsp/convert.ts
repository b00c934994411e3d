// Where engine types become LSP types: offsets become ranges through the parsed file's LineIndex,
// findings become diagnostics, and engine edits become text edits. Nothing else converts positions.

import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver';
import { ConfigProblem, Edit, Finding, LineIndex, ParseProblem, Severity } from '../engine';
import { docsUrl } from '../../../rules';

export const source = 'kube-harden';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toSeverity(severity: Severity): DiagnosticSeverity {
  return severities[severity] ?? DiagnosticSeverity.Warning;
}

export function toRange(lines: LineIndex, offset: number, length: number): Range {
  return { start: lines.position(offset), end: lines.position(offset + length) };
}

/** The diagnostic made for each finding: a chunk an edit left in place keeps its finding objects. */
const made = new WeakMap<Finding, Diagnostic>();
/**
 * For a list of findings copied from those of unchanged chunks (moved with them), the findings
 * they were copied from, in the same order: a chunk after an edit gets copies at new offsets,
 * mostly on the same lines, and their diagnostics are those of the findings copied.
 */
const copiedFrom = new WeakMap<readonly Finding[], readonly Finding[]>();

export function copiedFindings(findings: readonly Finding[], originals: readonly Finding[]): void {
  copiedFrom.set(findings, originals);
}

export function findingsToDiagnostics(lines: LineIndex, findings: readonly Finding[], out: Diagnostic[]): void {
  const originals = copiedFrom.get(findings);
  const aligned = originals !== undefined && originals.length === findings.length;
  for (let i = 0; i < findings.length; i++) out.push(findingToDiagnostic(lines, findings[i], aligned ? originals[i] : findings[i]));
}

/**
 * A code action finds a diagnostic's finding again by its code and exact range, so a diagnostic
 * carries no `data`: on a long file the diagnostics message is megabytes, encoded and decoded on
 * every keystroke, and `data` made a fifth of it. Diagnostics are never written to, so a finding
 * whose range is still on the same lines and columns gives the same object again.
 */
export function findingToDiagnostic(lines: LineIndex, finding: Finding, key: Finding = finding): Diagnostic {
  const known = made.get(key);
  if (known && lines.at(known.range.start, finding.offset) && lines.at(known.range.end, finding.offset + finding.length) && (key === finding || sameFinding(known, finding))) return known;
  const diagnostic: Diagnostic = {
    range: toRange(lines, finding.offset, finding.length),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source,
    message: finding.message,
  };
  made.set(key, diagnostic);
  return diagnostic;
}

/** The diagnostic says what the finding says (a copy's, checked: its list may not be the one copied). */
function sameFinding(diagnostic: Diagnostic, finding: Finding): boolean {
  return diagnostic.code === finding.ruleId && diagnostic.message === finding.message && diagnostic.severity === toSeverity(finding.severity);
}

export function problemToDiagnostic(lines: LineIndex, problem: ParseProblem): Diagnostic {
  return {
    range: toRange(lines, problem.offset, problem.length),
    severity: problem.code === 'yaml-syntax' ? toSeverity(problem.severity ?? 'error') : DiagnosticSeverity.Information,
    code: problem.code,
    ...(problem.code === 'yaml-syntax' ? { codeDescription: { href: docsUrl(problem.code) } } : {}),
    source,
    message: problem.message,
  };
}

export function configProblemToDiagnostic(lines: LineIndex, problem: ConfigProblem): Diagnostic {
  return {
    range: toRange(lines, problem.offset, problem.length),
    severity: DiagnosticSeverity.Error,
    code: 'invalid-config',
    source,
    message: problem.message,
  };
}

export function toTextEdits(lines: LineIndex, edits: readonly Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, e.offset, e.length), newText: e.text }));
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
