// The one file walker of the product: the server's indexer and the CLI find manifests with it. It
// skips version-control and dependency folders and excluded paths, follows symbolic links once (by
// real path, so a loop ends), returns files in a stable sorted order, and stops at a file budget or
// when cancelled. The file system and the path style are injectable, for tests of Windows workspaces.

import { promises as fs } from 'node:fs';
import { ExcludeMatcher } from './globs';
import { hostStyle, pathApi, PathStyle } from './paths';

export interface DirEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

export interface FileStat {
  size: number;
  isDirectory(): boolean;
  isFile(): boolean;
}

/** The file-system calls the product makes. */
export interface FileSystem {
  readdir(path: string): Promise<DirEntry[]>;
  stat(path: string): Promise<FileStat>;
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<string>;
}

export const nodeFileSystem: FileSystem = {
  readdir: (path) => fs.readdir(path, { withFileTypes: true }),
  stat: (path) => fs.stat(path),
  realpath: (path) => fs.realpath(path),
  readFile: (path) => fs.readFile(path, 'utf8'),
};

/** Folders never searched: version control metadata and installed dependencies. */
export const skippedFolders: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/** The files that may hold manifests. */
export const manifestFile = /\.ya?ml$/i;

export interface WalkOptions {
  fs?: FileSystem;
  style?: PathStyle;
  /** Paths relative to the root (forward slashes) that are not searched. */
  exclude?: ExcludeMatcher;
  /** Stop after this many files, so a huge monorepo cannot stall start-up (default 50,000). */
  maxFiles?: number;
  /** Checked between folders; the walk stops early when it returns true. */
  cancelled?: () => boolean;
  /** A folder that cannot be read (the root included); the walk goes on with the others. */
  onError?: (path: string, error: unknown) => void;
  /** Base names of other files to find: tools' own files that fact extractors read (see FactExtractor.fileNames). */
  alsoNamed?: readonly string[];
  /** Other files to find by name (seccomp profiles: `*.json`); the caller decides from their text whether they count. */
  alsoMatching?: readonly RegExp[];
}

export interface WalkResult {
  /** Absolute paths, depth-first with entries sorted by name. */
  files: string[];
  /** True when `maxFiles` cut the walk short. */
  truncated: boolean;
}

export async function walkManifests(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const files: string[] = [];
  const maxFiles = options.maxFiles ?? 50000;
  const path = pathApi(options.style ?? hostStyle);
  const io = options.fs ?? nodeFileSystem;
  const visited = new Set<string>();
  let truncated = false;

  const visit = async (dir: string, rel: string): Promise<void> => {
    if (truncated || options.cancelled?.()) return;
    let entries: DirEntry[];
    try {
      const real = await io.realpath(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await io.readdir(dir);
    } catch (error) {
      options.onError?.(dir, error);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = path.join(dir, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await io.stat(child);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // A dangling link found while searching is not something the user asked for.
        }
      }
      if (options.exclude?.excludes(childRel)) continue;
      if (isDirectory) {
        if (!skippedFolders.has(entry.name)) await visit(child, childRel);
      } else if (isFile && (manifestFile.test(entry.name) || options.alsoNamed?.includes(entry.name) || options.alsoMatching?.some((r) => r.test(entry.name)))) {
        if (files.length >= maxFiles) {
          truncated = true;
          return;
        }
        files.push(child);
      }
      if (truncated) return;
    }
  };
  await visit(root, '');
  return { files, truncated };
}

/** Reads a file of at most `maxSize` bytes; undefined when it is missing, unreadable, not a file or larger. */
export async function readLimited(file: string, maxSize: number, io: FileSystem = nodeFileSystem): Promise<string | undefined> {
  try {
    const stat = await io.stat(file);
    if (!stat.isFile() || stat.size > maxSize) return undefined;
    return await io.readFile(file);
  } catch {
    return undefined;
  }
}
