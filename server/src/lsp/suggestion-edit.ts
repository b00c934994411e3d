// The edit of a suggestion that may write other files: where git stands on the files that would
// receive a secret value decides which one does (never one git tracks) and what the title says;
// an append that would declare an object its file already declares is refused. With a client that
// applies edits the server sends, the manifest's edit is the code action's and the rest follows in
// a command, which also shows what the suggestion added.

import { Command, Position, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { Edit, errorMessage, FileChange, Finding, GitState, LineIndex, ParsedFile, redeclared } from '../engine';
import { commands, FinishSuggestion } from './protocol';
import { Snapshot } from './snapshot';
import { EditCapabilities, FileReader, safely, withFileChanges, workspaceEdit } from './workspace-edit';

export type Suggestion = Finding['suggestions'][number];
/** Where the file at a URI stands with git. */
export type GitLookup = (uri: string) => Promise<GitState>;

export interface SuggestionEnv {
  snapshot: Snapshot;
  caps: EditCapabilities;
  log: (message: string) => void;
  readFile: FileReader;
  git: GitLookup;
}

/** The title and other-file changes of a suggestion, once git has said where its candidate files stand. */
async function placed(env: SuggestionEnv, suggestion: Suggestion, file: ParsedFile): Promise<{ title: string; changes: FileChange[] } | undefined> {
  const place = suggestion.place;
  if (!place) return { title: suggestion.title, changes: suggestion.files!(file) };
  const states = await Promise.all(place.candidates.map((path) => env.git(new URL(path, env.snapshot.uri).toString())));
  const chosen = place.choose(states);
  return chosen && { title: chosen.title, changes: chosen.files };
}

/** True when an append would declare again an object its file already declares (logged). */
function redeclares(env: SuggestionEnv, changes: readonly FileChange[], id: string): boolean {
  for (const change of changes) {
    const current = change.mode === 'append' ? env.readFile(new URL(change.path, env.snapshot.uri).toString()) : undefined;
    // A change that edits what the file holds (a key added to its Secret) declares nothing new.
    const clashes = current === undefined || change.merge?.(current) !== undefined ? [] : redeclared(current, change.text);
    if (clashes.length > 0) {
      env.log(`Suggestion for ${id} not offered: ${change.path} already declares ${clashes.join(', ')}`);
      return true;
    }
  }
  return false;
}

/** What a suggestion does in the editor: its edit of the manifest, then a command for the rest. */
export interface OfferedSuggestion {
  title: string;
  edit?: WorkspaceEdit;
  command?: Command;
}

function finish(title: string, args: FinishSuggestion): Command | undefined {
  return args.edit || args.show ? { title, command: commands.finishSuggestion, arguments: [args] } : undefined;
}

/**
 * A suggestion's title and edit, with the files it writes; undefined when it changes nothing, the
 * client cannot apply it, or no file may receive what it writes.
 */
export async function suggestionEdit(env: SuggestionEnv, suggestion: Suggestion, id: string): Promise<OfferedSuggestion | undefined> {
  const { snapshot, caps, log, readFile } = env;
  const file = snapshot.analysis!.file;
  const edits = safely(() => suggestion.apply(file), log, `Suggestion for ${id}`);
  if (!suggestion.files && !suggestion.place) {
    if (edits.length === 0) return undefined;
    const show = suggestion.reveal && caps.showDocument ? { uri: snapshot.uri, selection: insertedRange(file.text, edits) } : undefined;
    return { title: suggestion.title, edit: workspaceEdit(snapshot, edits, caps), command: show && finish(suggestion.title, { show }) };
  }
  // A suggestion that writes other files needs a client that can create them.
  if (!caps.documentChanges || !caps.createFiles) return undefined;
  let result: { title: string; changes: FileChange[] } | undefined;
  try {
    result = await placed(env, suggestion, file);
  } catch (error) {
    log(`Suggestion for ${id} failed: ${errorMessage(error)}`);
    return undefined;
  }
  if (!result) return undefined;
  const { title, changes } = result;
  // A suggestion that would create a file that already exists would do nothing: don't offer it.
  if (changes.some((c) => c.mode === 'create' && readFile(new URL(c.path, snapshot.uri).toString()) !== undefined)) return undefined;
  if ((edits.length === 0 && changes.length === 0) || redeclares(env, changes, id)) return undefined;
  const manifest = workspaceEdit(snapshot, edits, caps);
  if (!caps.applyEdit) return { title, edit: withFileChanges(manifest, snapshot.uri, changes, readFile) };
  // The other files come after the manifest's edit, in an edit of their own: VS Code saves every file
  // of a code action that touches several (files.refactoring.autoSave), and the manifest must stay
  // unsaved like after any fix.
  const others = withFileChanges({ documentChanges: [] }, snapshot.uri, changes, readFile);
  const shown = changes.length > 0 && suggestion.reveal && caps.showDocument ? shownFile(others, new URL(changes[0].path, snapshot.uri).toString()) : undefined;
  return { title, edit: edits.length > 0 ? manifest : undefined, command: finish(title, { edit: others.documentChanges!.length > 0 ? others : undefined, show: shown }) };
}

/** The range, after the edits, of the largest text they insert. */
export function insertedRange(text: string, edits: readonly Edit[]): Range {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const largest = sorted.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const lines = new LineIndex(text);
  const newlines = (t: string) => t.split('\n').length - 1;
  let shift = 0;
  for (const e of sorted) if (e.offset + e.length <= largest.offset && e !== largest) shift += newlines(e.text) - newlines(text.slice(e.offset, e.offset + e.length));
  const start = lines.position(largest.offset);
  return spanOf({ line: start.line + shift, character: start.character }, largest.text);
}

/** The range `inserted` covers when it is inserted at `start`. */
function spanOf(start: Position, inserted: string): Range {
  const parts = inserted.split('\n');
  const last = parts[parts.length - 1];
  return { start, end: parts.length === 1 ? { line: start.line, character: start.character + last.length } : { line: start.line + parts.length - 1, character: last.length } };
}

/** The file to show after the other files' edit, and what it inserts there. */
function shownFile(edit: WorkspaceEdit, uri: string): FinishSuggestion['show'] {
  const change = edit.documentChanges?.find((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri === uri);
  const first = change?.edits[0];
  return { uri, ...(first && 'newText' in first ? { selection: spanOf(first.range.start, first.newText) } : {}) };
}
