// Paths as a kustomization names them (relative to its own folder, `../` included), resolved to the
// workspace model's file keys: absolute paths in the style of the kustomization's own key.

import { posix, win32 } from 'node:path';

const windowsKey = /^(?:[a-zA-Z]:[\\/]|\\\\)/;
/** Remote bases and git URLs: nothing in the workspace to resolve them to. */
const remote = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=/i;

/** The key of `path` as named in the kustomization whose key is `kustomization`; undefined when it names nothing local. */
export function resolveFrom(kustomization: string, path: string): string | undefined {
  const trimmed = path.trim();
  if (trimmed === '' || remote.test(trimmed)) return undefined;
  const api = windowsKey.test(kustomization) ? win32 : kustomization.startsWith('/') ? posix : undefined;
  // An untitled buffer's URI has no folder to resolve against.
  if (!api) return undefined;
  return api.resolve(api.dirname(kustomization), trimmed);
}

/** Whether a string in a list of patches is the patch itself (YAML or JSON text) rather than a path. */
export function isInlineText(value: string): boolean {
  return /[\r\n]/.test(value) || /^\s*[{[]/.test(value) || /^\s*(?:apiVersion|kind|metadata|spec)\s*:/.test(value);
}

export const yamlFile = /\.ya?ml$/i;
