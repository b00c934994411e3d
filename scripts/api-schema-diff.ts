// What moving a manifest from one API version to its replacement changes, read from the two
// versions' definitions: the fields the old version has and the new one lacks (or types otherwise),
// and the fields the new one requires that the old one did not. The API deprecation table uses it to
// tell a mechanical migration (change `apiVersion`) from one that must also rewrite fields.

export interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  'x-kubernetes-group-version-kind'?: Array<{ group?: string; version: string; kind: string }>;
}

export type Definitions = Record<string, Schema>;

const refName = (s: Schema): string | undefined => s.$ref?.replace('#/definitions/', '');

/** A field's kind as a manifest sees it: int-or-string and quantities are their own. */
function shape(s: Schema, defs: Definitions): string {
  const name = refName(s);
  if (name) {
    const def = defs[name];
    if (!def) return 'unknown';
    if (name.endsWith('IntOrString') || def.format === 'int-or-string') return 'int-or-string';
    if (name.endsWith('Quantity')) return 'quantity';
    return def.type ?? (def.properties ? 'object' : 'any');
  }
  if (s.format === 'int-or-string') return 'int-or-string';
  return s.type ?? (s.properties ? 'object' : 'any');
}

/** The status is written by the cluster, never by a manifest: its changes do not matter here. */
const ignoredTopLevel = new Set(['status', 'apiVersion', 'kind']);

export function apiChanges(oldDefs: Definitions, oldName: string, newDefs: Definitions, newName: string): { dropped: string[]; required: string[] } {
  const dropped: string[] = [];
  const required: string[] = [];
  const visited = new Set<string>();
  const walk = (oldSchema: Schema, newSchema: Schema, path: string): void => {
    const oldRef = refName(oldSchema);
    const newRef = refName(newSchema);
    // The same definition on both sides (ObjectMeta, PodTemplateSpec) is the same shape.
    if (oldRef && oldRef === newRef) return;
    const pair = `${oldRef ?? path}|${newRef ?? path}`;
    if ((oldRef || newRef) && visited.has(pair)) return;
    visited.add(pair);
    const o = oldRef ? oldDefs[oldRef] : oldSchema;
    const n = newRef ? newDefs[newRef] : newSchema;
    if (!o || !n) return;
    if (shape(oldSchema, oldDefs) !== shape(newSchema, newDefs)) {
      dropped.push(path);
      return;
    }
    if (o.items && n.items) walk(o.items, n.items, `${path}[]`);
    const prefix = path ? `${path}.` : '';
    for (const [key, sub] of Object.entries(o.properties ?? {})) {
      if (!path && ignoredTopLevel.has(key)) continue;
      const counterpart = n.properties?.[key];
      if (!counterpart) dropped.push(prefix + key);
      else walk(sub, counterpart, prefix + key);
    }
    const before = new Set(o.required ?? []);
    for (const key of n.required ?? []) if (!before.has(key) && !(!path && ignoredTopLevel.has(key))) required.push(prefix + key);
  };
  walk({ $ref: `#/definitions/${oldName}` }, { $ref: `#/definitions/${newName}` }, '');
  return { dropped: dropped.sort(), required: required.sort() };
}
