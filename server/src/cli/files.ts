// Turning the paths of the command line into the list of inputs to check: files as given, folders
// searched with the product's file walker (sorted, skipping node_modules and version control), and `-` for standard input.
// Paths that cannot be read become errors, never exceptions, so the other inputs are still checked.

import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defaultLimits, errorMessage, otherFileNames } from '../engine';
import { walkManifests } from '../io';

export interface Input {
  /** The path as shown in reports: as given, or joined under the folder that was given. */
  display: string;
  /** Absolute path; undefined for standard input. */
  absolute?: string;
  /** Found by searching a folder, not named on the command line. */
  found?: boolean;
}

export interface InputError {
  file: string;
  message: string;
}

export const stdinName = '<stdin>';

/**
 * `alsoNamed`: base names of tools' own files that folders are searched for besides manifests (a
 * kustomization); `alsoMatching`: names of other files extractors read (a scanner's report).
 */
export async function expandPaths(paths: readonly string[], cwd: string, alsoNamed: readonly string[] = [], alsoMatching: readonly RegExp[] = []): Promise<{ inputs: Input[]; errors: InputError[] }> {
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
      await walk(absolute, path, found, errors, alsoNamed, alsoMatching);
      found.forEach(add);
    } else {
      // A file named explicitly is checked whatever its extension.
      add({ display: path, absolute });
    }
  }
  return { inputs, errors };
}

/** The manifests under a folder given on the command line, shown joined under the path as given. */
async function walk(absolute: string, display: string, out: Input[], errors: InputError[], alsoNamed: readonly string[], alsoMatching: readonly RegExp[]): Promise<void> {
  const { files } = await walkManifests(absolute, {
    alsoNamed,
    alsoMatching: [...otherFileNames(), ...alsoMatching],
    onError: (_, error) => errors.push({ file: display, message: describeIoError(error) }),
  });
  for (const file of files) {
    const rel = relative(absolute, file);
    out.push({ display: display === '.' ? rel : join(display, rel), absolute: file, found: true });
  }
}

export type ReadResult = { text: string; bom: boolean } | { skipped: string } | { error: string };

const tooLarge = `File not checked: it is larger than ${Math.round(defaultLimits.maxSize / 1048576)} MB.`;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit: input beyond this many bytes is surely too large. */
const maxBytes = defaultLimits.maxSize * 3;

/** Reads an input as UTF-8; input above the engine's size limit is skipped before anything parses it. */
export async function readInput(input: Input): Promise<ReadResult> {
  try {
    let text: string | undefined;
    if (input.absolute === undefined) {
      text = await readStdin(maxBytes);
    } else {
      const stat = await fs.stat(input.absolute);
      if (stat.size <= maxBytes) text = await fs.readFile(input.absolute, 'utf8');
    }
    if (text === undefined) return { skipped: tooLarge };
    // Editors do not count a byte-order mark as a column; keep it aside and put it back when writing.
    const bom = text.charCodeAt(0) === 0xfeff;
    // Checked here, not only by the parser: the workspace pass reads every input before any is linted.
    if (text.length - (bom ? 1 : 0) > defaultLimits.maxSize) return { skipped: tooLarge };
    return { text: bom ? text.slice(1) : text, bom };
  } catch (error) {
    return { error: describeIoError(error) };
  }
}

/** Standard input as text, or undefined as soon as more than `limit` bytes have come (the rest is not read). */
async function readStdin(limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += buffer.length;
    // Leaving the loop destroys the stream: a writer still piping in gets EPIPE, not a hang.
    if (bytes > limit) return undefined;
    chunks.push(buffer);
  }
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
