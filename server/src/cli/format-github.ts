// GitHub Actions workflow commands (`::error file=…,line=…::message`), one line per finding, so a
// workflow step annotates the pull request's diff without uploading SARIF. Escaping follows the
// runner's rules (actions/toolkit command.ts): a raw newline would end the command early, and a
// `,` or `:` in a property would split it into properties the runner misreads.

import { Severity } from '../engine';
import { CheckResult, Position } from './run-check';

const commands: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: Array<[string, string | number]>, message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name}${props ? ' ' + props : ''}::${escapeData(message)}`;
}

function region(position: Position): Array<[string, number]> {
  return [
    ['line', position.line],
    ['col', position.column],
    ['endLine', position.endLine],
    ['endColumn', position.endColumn],
  ];
}

export function formatGithub(result: CheckResult): string {
  const lines: string[] = [];
  for (const { file, finding, source, ...position } of result.findings) {
    const resource = `[${finding.resource.kind}/${finding.resource.name || '<unnamed>'}]` + (source ? ` (from ${source.path})` : '');
    lines.push(command(commands[finding.severity], [['file', file], ...region(position), ['title', finding.ruleId]], `${finding.message} ${resource}`));
  }
  for (const error of result.errors) {
    const name = error.kind === 'syntax' ? commands[error.severity ?? 'error'] : 'error';
    const title: Array<[string, string]> = error.kind === 'syntax' ? [['title', 'yaml-syntax']] : [];
    const message = error.position ? error.message.replace(/^line \d+, column \d+: /, '') : error.message;
    lines.push(command(name, [['file', error.file], ...(error.position ? region(error.position) : []), ...title], message));
  }
  for (const skipped of result.skipped) lines.push(command('notice', [['file', skipped.file]], skipped.reason));
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
