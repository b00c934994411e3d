// An in-memory file system in either path style, for running the real walker, scan and server over
// a Windows workspace on any host.

import { posix, win32 } from 'node:path';
import type { DirEntry, FileStat, FileSystem } from '../../server/src/io';

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, string>();
  private readonly path: typeof posix;

  constructor(
    readonly windows: boolean,
    files: Record<string, string> = {},
  ) {
    this.path = windows ? win32 : posix;
    for (const [file, text] of Object.entries(files)) this.write(file, text);
  }

  write(file: string, text: string): void {
    this.files.set(this.key(file), text);
  }

  /** Windows paths compare without regard to case, and `/` is a separator too. */
  private key(file: string): string {
    const normal = this.path.normalize(file);
    return this.windows ? normal.toLowerCase() : normal;
  }

  private isDirectory(path: string): boolean {
    const prefix = this.key(path).replace(/[\\/]$/, '') + this.path.sep;
    return [...this.files.keys()].some((f) => f.startsWith(prefix));
  }

  async readdir(path: string): Promise<DirEntry[]> {
    if (!this.isDirectory(path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    const prefix = this.key(path).replace(/[\\/]$/, '') + this.path.sep;
    const names = new Map<string, boolean>();
    for (const [file] of this.files) {
      if (!file.startsWith(prefix)) continue;
      const [first, ...rest] = file.slice(prefix.length).split(this.path.sep);
      names.set(first, rest.length > 0 || names.get(first) === true);
    }
    const original = (name: string) => [...this.files.keys()].find((f) => f.startsWith(prefix + name)) && name;
    return [...names].map(([name, directory]) => ({ name: original(name) || name, isDirectory: () => directory, isFile: () => !directory, isSymbolicLink: () => false }));
  }

  async stat(path: string): Promise<FileStat> {
    const text = this.files.get(this.key(path));
    if (text !== undefined) return { size: Buffer.byteLength(text), isDirectory: () => false, isFile: () => true };
    if (this.isDirectory(path)) return { size: 0, isDirectory: () => true, isFile: () => false };
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  }

  async realpath(path: string): Promise<string> {
    await this.stat(path);
    return this.key(path);
  }

  async readFile(path: string): Promise<string> {
    const text = this.files.get(this.key(path));
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  }
}
