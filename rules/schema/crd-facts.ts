// The schema family's facts in the workspace model: which CustomResourceDefinitions the workspace
// declares (group, kind, the versions with a schema) and a digest of each one's spec, so a custom
// resource in any file is checked against the CRD of its group, version and kind, and re-checked
// when that CRD changes. The schemas themselves are compiled only when a custom resource of the
// kind is checked: a keystroke inside a 20,000-line CRD costs a walk of its tree, not a conversion,
// a compilation and a signature of the compiled tables.

import { defineFacts, isAlias, isMap, isScalar, isSeq, nodeAt, scalarValue } from '../../server/src/engine';
import type { Document, Fact, NamespaceKey, Node } from '../../server/src/engine';
import { compileCrd, CrdSchemas } from './crd-schema';

export interface CrdSchemaFact extends Fact {
  group: string;
  kind: string;
  /** The versions that have a schema (their own, or the v1beta1 CRD's shared `validation`). */
  versions: string[];
  /** Changes whenever the spec's text does (comments and layout aside): the fact's signature. */
  digest: string;
}

export const crdSchemas = defineFacts<CrdSchemaFact>({
  id: 'schema.crd',
  kinds: ['CustomResourceDefinition'],
  extract(resource, ctx) {
    if (!resource.apiVersion.startsWith('apiextensions.k8s.io/')) return [];
    const { doc, apiVersion } = resource;
    const spec = nodeAt(doc, resource.root, ['spec']);
    const group = scalarValue(nodeAt(doc, spec, ['group']));
    const kind = scalarValue(nodeAt(doc, spec, ['names', 'kind']));
    if (!spec || typeof group !== 'string' || typeof kind !== 'string') return [];
    const versions = versionsWithSchema(doc, spec);
    if (versions.length === 0) return [];
    const fact: CrdSchemaFact = { at: ctx.at(), group, kind, versions, digest: digestOf(apiVersion, spec) };
    defer(fact, () => compileCrd(apiVersion, spec.toJS(doc, { maxAliasCount: 100 }) as unknown));
    return [fact];
  },
  // A CRD is clusterwide: its schema holds for custom resources of every namespace.
  namespaceOf: (): NamespaceKey => '*',
});

function versionsWithSchema(doc: Document, spec: Node): string[] {
  const shared = isMap(nodeAt(doc, spec, ['validation', 'openAPIV3Schema']));
  const list = nodeAt(doc, spec, ['versions']);
  const names: string[] = [];
  for (const item of isSeq(list) ? list.items : []) {
    const name = scalarValue(nodeAt(doc, item, ['name']));
    if (typeof name === 'string' && (shared || isMap(nodeAt(doc, item, ['schema', 'openAPIV3Schema'])))) names.push(name);
  }
  // A v1beta1 CRD may name a single `version` instead of a list.
  const single = scalarValue(nodeAt(doc, spec, ['version']));
  if (names.length === 0 && shared && typeof single === 'string') names.push(single);
  return names;
}

/**
 * How to compile a fact's schemas, kept until first asked; a fact that the model replaces takes its
 * compiler (and the tree it holds) with it.
 */
const pending = new WeakMap<CrdSchemaFact, () => CrdSchemas | undefined>();
const compiled = new WeakMap<CrdSchemaFact, CrdSchemas | null>();
/** The last few compilations by digest: a CRD edited and put back, or re-extracted unchanged, is not compiled again. */
const byDigest = new Map<string, CrdSchemas | null>();
/** The newest fact of each digest still alive. */
const newest = new Map<string, WeakRef<CrdSchemaFact>>();

/**
 * Keeps the compiler of a new fact. The model keeps the predecessor's fact objects when an edit
 * changes no fact (most keystrokes), so an older fact of the same digest takes the new compiler too:
 * the older tree is then free, and a document holds one tree however long it is edited.
 */
function defer(fact: CrdSchemaFact, compile: () => CrdSchemas | undefined): void {
  pending.set(fact, compile);
  const older = newest.get(fact.digest)?.deref();
  if (older && pending.has(older)) pending.set(older, compile);
  newest.set(fact.digest, new WeakRef(fact));
  // Digests of facts that are gone leave empty references behind: sweep them now and then.
  if (newest.size > 256) for (const [digest, ref] of newest) if (!ref.deref()) newest.delete(digest);
}

/** The compiled schemas of a CRD fact, compiled on first use. */
export function schemasOf(fact: CrdSchemaFact): CrdSchemas | undefined {
  let result = compiled.get(fact);
  if (result === undefined) {
    result = byDigest.get(fact.digest);
    if (result === undefined) {
      result = pending.get(fact)?.() ?? null;
      byDigest.set(fact.digest, result);
      if (byDigest.size > 16) byDigest.delete(byDigest.keys().next().value!);
    }
    compiled.set(fact, result);
    pending.delete(fact);
  }
  return result ?? undefined;
}

/**
 * A 64-bit digest of the API version (v1beta1 keeps unknown fields) and of a tree's keys and scalar
 * texts in order; aliases count by name, never expanded. Descriptions are prose the compilation
 * never reads, and most of a CRD's text: a scalar `description` is left out, so typing in one
 * neither costs a walk of its text nor re-checks the custom resources (a property named
 * `description` has a map for its schema and counts).
 */
function digestOf(apiVersion: string, root: Node): string {
  const state = { a: 0x811c9dc5, b: 0x01000193 };
  add(state, apiVersion);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') add(state, node);
    else if (isScalar(node)) add(state, typeof node.value === 'string' ? node.value : `${typeof node.value}:${String(node.value)}`);
    else if (isAlias(node)) add(state, `*${node.source}`);
    else if (isMap(node)) {
      stack.push('}');
      for (let i = node.items.length - 1; i >= 0; i--) {
        const { key, value } = node.items[i];
        if (isScalar(key) && key.value === 'description' && isScalar(value)) continue;
        stack.push(value ?? '~', key ?? '~');
      }
      add(state, '{');
    } else if (isSeq(node)) {
      stack.push(']');
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i] ?? '~');
      add(state, '[');
    } else add(state, '~');
  }
  return `${(state.a >>> 0).toString(36)}.${(state.b >>> 0).toString(36)}`;
}

/** Two FNV-1a-style lanes over a text and a separator, so `ab`+`c` and `a`+`bc` differ. */
function add(state: { a: number; b: number }, text: string): void {
  let { a, b } = state;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0xffff;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  state.a = a;
  state.b = b;
}
