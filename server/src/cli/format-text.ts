// The human report: one line per finding, `path:line:col: severity rule-id message [Kind/name]`
// (like eslint's unix format, so editors and terminals can jump to it), then a one-line summary.
// A finding of rendered output ends with the template it came from: `(from grafana/templates/deployment.yaml)`.

import { CheckResult } from './run-check';

export interface TextStyle {
  color: boolean;
}

const codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, green: 32 } as const;

export function formatText(result: CheckResult, style: TextStyle): string {
  const paint = (code: keyof typeof codes, text: string) => (style.color ? `\u001b[${codes[code]}m${text}\u001b[0m` : text);
  const severityColor = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' } as const;
  const lines: string[] = [];

  // Errors and findings of one file stay together, in the order the files were checked.
  const entries: Array<{ file: string; line: number; column: number; text: string }> = [];
  for (const { file, line, column, finding, source } of result.findings) {
    const where = `${file}:${line}:${column}:`;
    const resource = `[${finding.resource.kind}/${finding.resource.name || '<unnamed>'}]` + (source ? ` (from ${source.path})` : '');
    entries.push({
      file,
      line,
      column,
      text: `${where} ${paint(severityColor[finding.severity], finding.severity)} ${paint('gray', finding.ruleId)} ${finding.message} ${paint('gray', resource)}`,
    });
  }
  for (const error of result.errors) {
    const where = error.position ? `${error.file}:${error.position.line}:${error.position.column}:` : `${error.file}:`;
    const message = error.position ? error.message.replace(/^line \d+, column \d+: /, '') : error.message;
    const severity = error.severity ?? 'error';
    const label = error.kind === 'syntax' ? `${paint(severityColor[severity], severity)} ${paint('gray', 'yaml-syntax')}` : paint('red', 'error');
    entries.push({ file: error.file, line: error.position?.line ?? 0, column: error.position?.column ?? 0, text: `${where} ${label} ${message}` });
  }
  for (const skipped of result.skipped) {
    entries.push({ file: skipped.file, line: 0, column: 0, text: `${skipped.file}: ${paint('gray', 'note')} ${skipped.reason}` });
  }
  // Files keep the order they were checked in; a stable sort puts each file's errors among its findings.
  const rank = new Map(result.order.map((f, i) => [f, i]));
  const rankOf = (file: string) => rank.get(file) ?? rank.size;
  entries.sort((a, b) => rankOf(a.file) - rankOf(b.file) || a.line - b.line || a.column - b.column);
  for (const e of entries) lines.push(e.text);

  if (result.fixed.files > 0) {
    lines.push(paint('green', `Fixed ${plural(result.fixed.findings, 'problem')} in ${plural(result.fixed.files, 'file')}.`));
  }
  const count = (s: string) => result.findings.filter((f) => f.finding.severity === s).length;
  const files = plural(result.filesChecked, 'file');
  if (result.findings.length === 0 && result.errors.length === 0) {
    lines.push(paint('green', `No problems found in ${files}`) + skippedNote(result));
  } else if (result.findings.length === 0) {
    lines.push(paint('bold', `No findings in ${files}`) + skippedNote(result));
  } else {
    const summary = `${plural(result.findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}) in ${files}`;
    lines.push(paint('bold', summary) + skippedNote(result));
  }
  if (result.errors.length > 0) lines.push(paint('red', `${plural(result.errors.length, 'error')} reading or parsing files`));
  return lines.join('\n') + '\n';
}

function skippedNote(result: CheckResult): string {
  return result.skipped.length > 0 ? ` (${plural(result.skipped.length, 'file')} skipped)` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
