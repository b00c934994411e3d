// Quick fixes of syntax errors: tab indentation becomes spaces where the structure meant is clear.
// Computed from the document's text at request time, as syntax problems carry no fix of their own.

import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver';
import { tabIndentFix, tabIndentMessage } from '../engine';
import { source } from './convert';
import { Snapshot } from './snapshot';
import { EditCapabilities, workspaceEdit } from './workspace-edit';

export function syntaxQuickFix(snapshot: Snapshot, diagnostic: Diagnostic, caps: EditCapabilities): CodeAction | undefined {
  const analysis = snapshot.analysis;
  if (!analysis || diagnostic.source !== source || diagnostic.code !== 'yaml-syntax' || diagnostic.message !== tabIndentMessage) return undefined;
  const fix = tabIndentFix(snapshot.text, analysis.file.lines.offset(diagnostic.range.start));
  if (!fix) return undefined;
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: workspaceEdit(snapshot, fix.edits, caps) };
}
