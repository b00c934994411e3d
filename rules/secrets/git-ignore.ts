// Which manifests git ignores, from the `.gitignore` files of the workspace model (the server and the
// CLI read them like any other file of the workspace), evaluated with the `ignore` package, which
// follows git's own pattern rules: a Secret manifest that never reaches the repository (the
// `*.secret.yaml` files "Move to a Secret" writes) holds its values where they belong.
// https://git-scm.com/docs/gitignore

import ignore, { Ignore } from 'ignore';
import { defineFacts, Fact, WorkspaceView } from '../../server/src/engine';

export interface GitIgnoreFact extends Fact {
  /** The folder of the `.gitignore` file, as a prefix of file keys (ends with its separator). */
  folder: string;
  patterns: string[];
}

/** Patterns kept per file: a `.gitignore` longer than this is read in part. */
const maxPatterns = 5000;

function folderOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

export const gitIgnores = defineFacts<GitIgnoreFact>({
  id: 'secrets.gitignore',
  kinds: [],
  fileNames: ['.gitignore'],
  raw: true,
  extract: () => [],
  extractFile(file, ctx) {
    const patterns = file.text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .slice(0, maxPatterns);
    return [{ at: { file: ctx.file, offset: 0, length: 0, line: 0 }, folder: folderOf(ctx.file), patterns }];
  },
  namespaceOf: () => '*' as const,
});

const compiled = new WeakMap<GitIgnoreFact, Ignore>();

function matcherOf(fact: GitIgnoreFact): Ignore {
  let ig = compiled.get(fact);
  if (!ig) compiled.set(fact, (ig = ignore().add(fact.patterns)));
  return ig;
}

/**
 * Whether git ignores the file being checked: each `.gitignore` of a folder above it decides for the
 * paths below that folder, a deeper one over a shallower one (its `!pattern` re-includes).
 */
export function gitIgnored(view: WorkspaceView): boolean {
  const file = view.file;
  const above = view
    .facts(gitIgnores)
    .filter((f) => file.startsWith(f.folder) && file.length > f.folder.length)
    .sort((a, b) => a.folder.length - b.folder.length);
  let ignored = false;
  for (const fact of above) {
    const relative = file.slice(fact.folder.length).replace(/\\/g, '/');
    const result = matcherOf(fact).test(relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
