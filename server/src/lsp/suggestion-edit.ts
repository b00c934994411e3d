// The edit of a suggestion that may write other files: where git stands on the files that would
// receive a secret value decides which one does (never one git tracks) and what the title says;
// an append that would declare an object its file already declares is refused.

import { WorkspaceEdit } from 'vscode-languageserver';
import { errorMessage, FileChange, Finding, GitState, ParsedFile, redeclared } from '../engine';
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
    const clashes = current === undefined ? [] : redeclared(current, change.text);
    if (clashes.length > 0) {
      env.log(`Suggestion for ${id} not offered: ${change.path} already declares ${clashes.join(', ')}`);
      return true;
    }
  }
  return false;
}

/**
 * A suggestion's title and edit, with the files it writes; undefined when it changes nothing, the
 * client cannot apply it, or no file may receive what it writes.
 */
export async function suggestionEdit(env: SuggestionEnv, suggestion: Suggestion, id: string): Promise<{ title: string; edit: WorkspaceEdit } | undefined> {
  const { snapshot, caps, log, readFile } = env;
  const file = snapshot.analysis!.file;
  const edits = safely(() => suggestion.apply(file), log, `Suggestion for ${id}`);
  if (!suggestion.files && !suggestion.place) return edits.length > 0 ? { title: suggestion.title, edit: workspaceEdit(snapshot, edits, caps) } : undefined;
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
  return { title, edit: withFileChanges(workspaceEdit(snapshot, edits, caps), snapshot.uri, changes, readFile) };
}
