// Quick fixes of syntax errors: tab indentation becomes spaces where the structure meant is clear, and
// a pasted no-break space or dash becomes the ASCII character meant. Computed from the document's text
// at request time, as syntax problems carry no fix of their own.

import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver';
import { Edit, pastedCause, tabIndentFix, tabIndentMessage } from '../engine';
import { source } from './convert';
import { Snapshot } from './snapshot';
import { EditCapabilities, workspaceEdit } from './workspace-edit';

function syntaxFix(text: string, offset: number, message: string): { title: string; edits: Edit[] } | undefined {
  if (message === tabIndentMessage) return tabIndentFix(text, offset);
  const pasted = pastedCause(text, offset);
  if (!pasted || pasted.offset !== offset || pasted.message !== message) return undefined;
  return { title: `Replace with "${pasted.replacement}"`, edits: [{ offset, length: 1, text: pasted.replacement }] };
}

export function syntaxQuickFix(snapshot: Snapshot, diagnostic: Diagnostic, caps: EditCapabilities): CodeAction | undefined {
  const analysis = snapshot.analysis;
  if (!analysis || diagnostic.source !== source || diagnostic.code !== 'yaml-syntax' || typeof diagnostic.message !== 'string') return undefined;
  const fix = syntaxFix(snapshot.text, analysis.file.lines.offset(diagnostic.range.start), diagnostic.message);
  if (!fix) return undefined;
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: workspaceEdit(snapshot, fix.edits, caps) };
}
