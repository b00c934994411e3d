// LSP WorkspaceEdits from the engine's text edits: versioned document changes and change
// annotations when the client supports them, and the other files a suggestion creates or appends to.

import { AnnotatedTextEdit, CreateFile, Position, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { Edit, errorMessage, FileChange, LineIndex } from '../engine';
import { toTextEdits } from './convert';
import { Snapshot } from './snapshot';

/** What the client can do with a WorkspaceEdit. */
export interface EditCapabilities {
  documentChanges: boolean;
  changeAnnotations: boolean;
  /** The client can create files in a WorkspaceEdit (`resourceOperations` includes `create`). */
  createFiles?: boolean;
  /** The client resolves a code action's `edit` lazily (`codeAction/resolve`). */
  resolveEdits?: boolean;
  /** The client applies edits the server sends (`workspace/applyEdit`). */
  applyEdit?: boolean;
  /** The client opens documents for the server (`window/showDocument`). */
  showDocument?: boolean;
}

export function workspaceEdit(snapshot: Snapshot, edits: readonly Edit[], caps: EditCapabilities, annotation?: { label: string; description: string }): WorkspaceEdit {
  const lines = snapshot.analysis?.file.lines ?? new LineIndex(snapshot.text);
  const textEdits: TextEdit[] = toTextEdits(lines, edits);
  if (!caps.documentChanges) return { changes: { [snapshot.uri]: textEdits } };
  const id = 'kubeHarden.harden';
  const annotate = annotation && caps.changeAnnotations;
  const list = annotate ? textEdits.map((e) => AnnotatedTextEdit.replace(e.range, e.newText, id)) : textEdits;
  const edit: WorkspaceEdit = { documentChanges: [{ textDocument: { uri: snapshot.uri, version: snapshot.version }, edits: list }] };
  if (annotate) edit.changeAnnotations = { [id]: { label: annotation.label, description: annotation.description, needsConfirmation: true } };
  return edit;
}

/** Reads another file's current text (open editor first, else disk); undefined when it does not exist. */
export type FileReader = (uri: string) => string | undefined;

/**
 * Adds a suggestion's changes to other files to a WorkspaceEdit: `create` makes a new file (never
 * overwriting one), `append` adds text at the end of a file, creating it when missing, or makes the
 * change's own edits of the file's current text when it has some (`merge`).
 */
export function withFileChanges(edit: WorkspaceEdit, manifestUri: string, changes: readonly FileChange[], read: FileReader): WorkspaceEdit {
  const documentChanges = [...(edit.documentChanges ?? [])];
  for (const change of changes) {
    const uri = new URL(change.path, manifestUri).toString();
    const current = read(uri);
    if (current === undefined) {
      documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
      documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert(Position.create(0, 0), change.text)]));
      continue;
    }
    if (change.mode === 'create') continue;
    const merged = change.merge?.(current);
    if (merged) {
      if (merged.length > 0) documentChanges.push(TextDocumentEdit.create({ uri, version: null }, toTextEdits(new LineIndex(current), merged)));
      continue;
    }
    if (change.once && hasLines(current, change.text)) continue;
    const end = new LineIndex(current).position(current.length);
    const separator = current.length > 0 && !current.endsWith('\n') ? '\n' : '';
    documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert(end, separator + change.text)]));
  }
  return { ...edit, documentChanges };
}

/** True when every non-empty line of `text` is already a line of `current`. */
function hasLines(current: string, text: string): boolean {
  const lines = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  return text.split(/\r?\n/).every((l) => l.trim() === '' || lines.has(l.trim()));
}

export function memo<T>(snapshot: Snapshot, key: string, compute: () => T): T {
  if (!snapshot.memo.has(key)) snapshot.memo.set(key, compute());
  return snapshot.memo.get(key) as T;
}

export function safely(apply: () => Edit[], log: (message: string) => void, what: string): Edit[] {
  try {
    return apply();
  } catch (error) {
    log(`${what} failed: ${errorMessage(error)}`);
    return [];
  }
}
