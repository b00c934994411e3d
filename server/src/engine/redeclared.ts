// Appending manifests to a file must not declare an object the file already declares: `kubectl apply`
// would apply both, and the last would silently replace the first (a Secret's values among them).

import { parseManifest } from './parse';
import { Resource, resourcesOf } from './resources';

/** `Kind/name` of every named resource of `added` that `current` already declares in the same namespace. */
export function redeclared(current: string, added: string): string[] {
  const existing = resourcesOf(parseManifest(current)).filter((r) => r.name);
  // A resource without a namespace lands in whichever namespace it is applied to: it may meet any.
  const clash = (a: Resource, b: Resource) => a.kind === b.kind && a.name === b.name && (a.namespace === b.namespace || a.namespace === null || b.namespace === null);
  return resourcesOf(parseManifest(added))
    .filter((r) => r.name && existing.some((e) => clash(e, r)))
    .map((r) => `${r.kind}/${r.name}`);
}
