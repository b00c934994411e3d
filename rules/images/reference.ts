// Image references as the container runtime reads them: `[registry/]path[:tag][@digest]`, where the
// first component is a registry only when it looks like a host (a dot, a port, or `localhost`).

import { isTemplated, known } from '../../server/src/engine';
import type { Container, Node, Scalar } from '../../server/src/engine';

export interface ImageRef {
  /** The registry host, `docker.io` when the reference names none. */
  registry: string;
  /** The repository path below the registry (`library/nginx` for `nginx`). */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
}

export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  const first = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? rest.slice(first.length + 1) : rest;
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { registry: registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? 'docker.io' : registry, path, tag, digest };
}

/** A container's `image` with its value, when the value is a literal reference. */
export function imageOf(c: Container): { node: Scalar; image: string } | undefined {
  const node = c.get(['image']) as Node | undefined;
  const image = known(node);
  // `$(VAR)` and `${VAR}` are substituted by tools before the manifest is applied.
  if (typeof image !== 'string' || image.trim() === '' || isTemplated(node) || /\$[({]/.test(image)) return undefined;
  return { node: node as Scalar, image: image.trim() };
}
