// The `.gitignore` files above the paths given on the command line, up to the repository's root (the
// folder holding `.git`): git applies them to the files checked, so the workspace model reads them
// too (a Secret manifest that git ignores is never committed). Folders given are searched for their
// own `.gitignore` files by the walker.

import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Input } from './files';

async function exists(path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The folder holding `.git` at or above `folder`; undefined outside a repository. */
async function repositoryRoot(folder: string, cache: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  let found = cache.get(folder);
  if (!found) {
    const parent = dirname(folder);
    found = exists(join(folder, '.git')).then((here) => (here ? folder : parent === folder ? undefined : repositoryRoot(parent, cache)));
    cache.set(folder, found);
  }
  return found;
}

/** The `.gitignore` files of the folders above the inputs, within their repositories; none outside one. */
export async function ancestorIgnores(inputs: readonly Input[]): Promise<Input[]> {
  const out: Input[] = [];
  const roots = new Map<string, Promise<string | undefined>>();
  const visited = new Set<string>();
  const have = new Set(inputs.map((i) => i.absolute));
  for (const input of inputs) {
    if (!input.absolute) continue;
    const start = dirname(input.absolute);
    const root = await repositoryRoot(start, roots);
    if (!root) continue;
    for (let folder = start; !visited.has(folder); folder = dirname(folder)) {
      visited.add(folder);
      const file = join(folder, '.gitignore');
      if (!have.has(file) && (await exists(file))) {
        have.add(file);
        out.push({ display: file, absolute: file });
      }
      if (folder === root) break;
    }
  }
  return out;
}
