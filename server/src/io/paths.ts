// File keys of the workspace: an absolute path for files on disk (what the folder scan finds and what
// the editor's `file:` URIs name), the URI itself for anything else (untitled buffers). Windows paths
// (drive letters, backslashes, percent-encoded colons such as `file:///c%3A/…`) are handled on every
// host, so the same code is tested on Linux.

import { posix, win32 } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PathStyle {
  windows: boolean;
}

export const hostStyle: PathStyle = { windows: process.platform === 'win32' };

export function pathApi(style: PathStyle = hostStyle): typeof posix {
  return style.windows ? win32 : posix;
}

/** A file path for `file:` URIs, the URI itself otherwise (or when it is not a valid file URI). */
export function keyOf(uri: string, style: PathStyle = hostStyle): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri, { windows: style.windows });
  } catch {
    return uri;
  }
}

/** The path of a `file:` URI; undefined for other schemes. */
export function pathOf(uri: string, style: PathStyle = hostStyle): string | undefined {
  const key = keyOf(uri, style);
  return key === uri ? undefined : key;
}

/** The `file:` URI of a path; other keys (URIs) are returned as they are. */
export function uriOf(key: string, style: PathStyle = hostStyle): string {
  if (!isAbsolutePath(key, style)) return key;
  return pathToFileURL(key, { windows: style.windows }).href;
}

export function isAbsolutePath(key: string, style: PathStyle = hostStyle): boolean {
  return !/^[a-z][a-z0-9+.-]+:\/\//i.test(key) && pathApi(style).isAbsolute(key);
}

/** `path` relative to `folder` with forward slashes, or undefined when it is not inside it. */
export function relativeTo(folder: string, path: string, style: PathStyle = hostStyle): string | undefined {
  if (!isAbsolutePath(folder, style) || !isAbsolutePath(path, style)) return undefined;
  const rel = pathApi(style).relative(folder, path);
  if (rel.startsWith('..') || pathApi(style).isAbsolute(rel)) return undefined;
  return rel.split(pathApi(style).sep).join('/');
}
