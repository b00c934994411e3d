// Where engine types become LSP types: offsets become ranges through the parsed file's LineIndex,
// findings become diagnostics, and engine edits become text edits. Nothing else converts positions.

import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver';
import { ConfigProblem, Edit, Finding, LineIndex, ParseProblem, Severity } from '../engine';
import { docsUrl } from '../../../rules';

export const source = 'kube-harden';

/** What a diagnostic carries so a code action can find its finding again without reading the message. */
export interface DiagnosticData {
  ruleId: string;
  documentIndex: number;
  offset: number;
  length: number;
  version: number;
}

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

export function findingToDiagnostic(lines: LineIndex, finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, documentIndex: finding.documentIndex, offset: finding.offset, length: finding.length, version };
  return {
    range: toRange(lines, finding.offset, finding.length),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source,
    message: finding.message,
    data,
  };
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
