// What the server needs of the machine: a file system and the path style of its paths. Injected so
// that tests can run the real server over an in-memory Windows workspace.

import { FileSystem, GitStatus, gitStatus, hostStyle, isAbsolutePath, keyOf, nodeFileSystem, pathApi, PathStyle, relativeTo, uriOf } from '../io';

export interface ServerEnvironment {
  fs: FileSystem;
  style: PathStyle;
  /** Where files stand with git; absent (every answer `unknown`) where git cannot be asked. */
  git?: GitStatus;
}

export const hostEnvironment: ServerEnvironment = { fs: nodeFileSystem, style: hostStyle, git: gitStatus() };

/** Keys and URIs in the environment's path style. */
export class Paths {
  constructor(readonly style: PathStyle) {}

  /** The workspace model's key of a document: its path for `file:` URIs, else the URI. */
  keyOf(uri: string): string {
    return keyOf(uri, this.style);
  }

  uriOf(key: string): string {
    return uriOf(key, this.style);
  }

  isAbsolute(key: string): boolean {
    return isAbsolutePath(key, this.style);
  }

  relativeTo(folder: string, key: string): string | undefined {
    return relativeTo(folder, key, this.style);
  }

  dirname(key: string): string {
    return pathApi(this.style).dirname(key);
  }

  basename(key: string): string {
    return pathApi(this.style).basename(key);
  }

  join(...parts: string[]): string {
    return pathApi(this.style).join(...parts);
  }
}
