// Turning the paths of the command line into the list of inputs to check: files as given, folders
// searched recursively for *.yaml / *.yml in a stable (sorted) order, and `-` for standard input.
// Paths that cannot be read become errors, never exceptions, so the other inputs are still checked.

import { promises as fs, Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultLimits, errorMessage } from '../engine';

export interface Input {
  /** The path as shown in reports: as given, or joined under the folder that was given. */
  display: string;
  /** Absolute path; undefined for standard input. */
  absolute?: string;
}

export interface InputError {
  file: string;
  message: string;
}

export const stdinName = '<stdin>';
const skippedFolders = new Set(['node_modules', '.git']);
const manifestExtension = /\.ya?ml$/i;

export async function expandPaths(paths: readonly string[], cwd: string): Promise<{ inputs: Input[]; errors: InputError[] }> {
  const inputs: Input[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (input: Input) => {
    const key = input.absolute ?? stdinName;
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push(input);
  };

  for (const path of paths) {
    if (path === '-') {
      add({ display: stdinName });
      continue;
    }
    const absolute = resolve(cwd, path);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      errors.push({ file: path, message: describeIoError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const found: Input[] = [];
      await walk(absolute, path, found, errors, new Set());
      found.forEach(add);
    } else {
      // A file named explicitly is checked whatever its extension.
      add({ display: path, absolute });
    }
  }
  return { inputs, errors };
}

/** Depth-first, entries sorted by name; symbolic links to folders are followed once (by real path) so loops end. */
async function walk(absolute: string, display: string, out: Input[], errors: InputError[], visited: Set<string>): Promise<void> {
  let real: string;
  let entries: Dirent[];
  try {
    real = await fs.realpath(absolute);
    if (visited.has(real)) return;
    visited.add(real);
    entries = await fs.readdir(absolute, { withFileTypes: true });
  } catch (error) {
    errors.push({ file: display, message: describeIoError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childAbsolute = join(absolute, entry.name);
    const childDisplay = display === '.' ? entry.name : join(display, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(childAbsolute);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // A dangling link found while searching is not something the user asked for.
      }
    }
    if (isDirectory) {
      if (!skippedFolders.has(entry.name)) await walk(childAbsolute, childDisplay, out, errors, visited);
    } else if (isFile && manifestExtension.test(entry.name)) {
      out.push({ display: childDisplay, absolute: childAbsolute });
    }
  }
}

export type ReadResult = { text: string; bom: boolean } | { skipped: string } | { error: string };

/** Reads an input as UTF-8; files above the engine's size limit are skipped without being read. */
export async function readInput(input: Input): Promise<ReadResult> {
  try {
    let text: string;
    if (input.absolute === undefined) {
      text = await readStdin();
    } else {
      const stat = await fs.stat(input.absolute);
      if (stat.size > defaultLimits.maxSize * 4) {
        return { skipped: `File not checked: it is larger than ${Math.round(defaultLimits.maxSize / 1048576)} MB.` };
      }
      text = await fs.readFile(input.absolute, 'utf8');
    }
    // Editors do not count a byte-order mark as a column; keep it aside and put it back when writing.
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom };
  } catch (error) {
    return { error: describeIoError(error) };
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A short, path-free message for a file system error (the path is reported beside it). */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'cannot read: no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read: permission denied';
    case 'EISDIR':
      return 'cannot read: it is a directory';
    case 'ENOTDIR':
      return 'cannot read: a part of the path is not a directory';
    default:
      return `cannot read: ${code ?? errorMessage(error)}`;
  }
}
