// Reading the values of Secrets and of plain fields: strings as written, base64 as the API server
// decodes it, and a Secret's keys with `stringData` over `data`.

import { asMap, isScalar, Node, nodeAt, ParsedFile, Resource, resourcesOf, stringEntries } from '../../server/src/engine';

/** A scalar's value as a string (numbers and booleans as written), or undefined for anything else. */
export function stringOf(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

/** Strict base64 as the API server decodes `data` (Go's StdEncoding, which skips line breaks). */
export function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** A Secret's values by key, decoded: `stringData` over `data`, as the API server merges them. */
export function secretValues(resource: Resource): Map<string, string> {
  const out = new Map<string, string>();
  const data = asMap(nodeAt(resource.doc, resource.root, ['data']));
  for (const e of stringEntries(data, resource.doc)) {
    const decoded = typeof e.value === 'string' ? decodeBase64(e.value) : undefined;
    if (decoded !== undefined) out.set(e.key, decoded);
  }
  const stringData = asMap(nodeAt(resource.doc, resource.root, ['stringData']));
  for (const e of stringEntries(stringData, resource.doc)) if (e.value !== undefined) out.set(e.key, String(e.value));
  return out;
}

export function isSecret(resource: Resource): boolean {
  return resource.kind === 'Secret' && resource.apiVersion === 'v1';
}

/** The Secrets of a parsed file, recognised once per parse rather than once per finding. */
const fileSecrets = new WeakMap<ParsedFile, Resource[]>();
export function secretsOf(file: ParsedFile): Resource[] {
  let found = fileSecrets.get(file);
  if (!found) {
    found = resourcesOf(file).filter(isSecret);
    fileSecrets.set(file, found);
  }
  return found;
}
