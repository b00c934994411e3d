// Moving a resource from a deprecated or removed API version to its replacement: the row of the
// generated table that describes its apiVersion and kind, and the edit that migrates it. The edit is
// safe when only `apiVersion` changes — plus, for the old workload APIs, the `selector` apps/v1
// requires, built from the template's labels exactly as the old API defaulted it. When fields must
// also change, or the definitions cannot tell, it is a suggestion whose title says what remains.

import { asMap, asSeq, deref, Document, Fix, isScalar, Node, pairOf, plain, replaceScalar, Resource, RuleContext, setIn, Suggestion, YAMLMap } from '../../server/src/engine';
import { apiDeprecations } from './api-deprecations';

/**
 * A Kubernetes API version of a kind that is deprecated or removed, from the table that
 * scripts/gen-api-deprecations.ts generates (Pluto's list, checked against the API definitions).
 * Versions are minor versions of Kubernetes 1.x. `dropped`: fields of this version that the
 * replacement lacks or types differently (dotted, `[]` for list items), null when no definitions
 * compare them; `required`: fields the replacement requires that this version did not.
 */
export interface ApiDeprecation {
  apiVersion: string;
  kind: string;
  deprecated: number | null;
  removed: number | null;
  replacement: string | null;
  replacementSince: number | null;
  dropped: readonly string[] | null;
  required: readonly string[];
}

const byKey = new Map(apiDeprecations.map((row) => [`${row.apiVersion} ${row.kind}`, row]));

export function deprecationOf(resource: Resource): ApiDeprecation | undefined {
  return byKey.get(`${resource.apiVersion} ${resource.kind}`);
}

/** Every kind the table knows, for the rules' `kinds`. */
export const deprecatedKinds: readonly string[] = [...new Set(apiDeprecations.map((row) => row.kind))];

export const versionText = (minor: number): string => `1.${minor}`;

/** The apiVersion value node, where the findings go. */
export function apiVersionNode(resource: Resource): Node {
  const node = deref(resource.doc, pairOf(resource.root, 'apiVersion', resource.doc)?.value);
  return node ?? resource.anchor;
}

/** The nodes at a dotted path with `[]` for every item of a list (`spec.rules[].http`). */
function nodesAt(doc: Document, root: Node, path: string): Node[] {
  let current: Node[] = [root];
  for (const segment of path.split('.')) {
    const list = segment.endsWith('[]');
    const key = list ? segment.slice(0, -2) : segment;
    const next: Node[] = [];
    for (const node of current) {
      const value = deref(doc, pairOf(asMap(node), key, doc)?.value);
      if (!value) continue;
      if (!list) next.push(value);
      else for (const item of asSeq(value)?.items ?? []) next.push(deref(doc, item)!);
    }
    current = next.filter(Boolean);
  }
  return current;
}

/** Whether a required field is absent where its parent exists (in any item of a list on the way). */
function missing(doc: Document, root: Node, path: string): boolean {
  const cut = path.lastIndexOf('.');
  const parents = cut < 0 ? [root] : nodesAt(doc, root, path.slice(0, cut));
  const key = path.slice(cut + 1);
  return parents.some((parent) => asMap(parent) !== undefined && pairOf(asMap(parent), key, doc) === undefined);
}

/** The old workload APIs defaulted `selector` to the template's labels; apps/v1 requires it written. */
function templateLabels(resource: Resource): Record<string, string> | undefined {
  const labels = nodesAt(resource.doc, resource.root, 'spec.template.metadata.labels')[0];
  const value = labels && plain(resource.doc, labels);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || entries.some(([, v]) => typeof v !== 'string' && typeof v !== 'number')) return undefined;
  return Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
}

/** A few field paths for a title; a CustomResourceDefinition can name dozens. */
function fields(paths: readonly string[]): string {
  return paths.length <= 3 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}

/** The fix (safe) or the suggestion that moves the resource to the row's replacement, if any applies. */
export function migrationOf(ctx: RuleContext, row: ApiDeprecation): { fix?: Fix; suggestions?: Suggestion[] } {
  const { resource } = ctx;
  const replacement = row.replacement;
  const node = apiVersionNode(resource);
  // Not yet served at the target: moving now would break the manifest on that cluster.
  if (!replacement || !isScalar(node) || (row.replacementSince !== null && ctx.minor < row.replacementSince)) return {};
  const used = (row.dropped ?? []).filter((path) => nodesAt(resource.doc, resource.root, path).length > 0);
  const absent = row.required.filter((path) => missing(resource.doc, resource.root, path));
  const labels = absent.includes('spec.selector') ? templateLabels(resource) : undefined;
  const still = labels ? absent.filter((path) => path !== 'spec.selector') : absent;
  const spec = asMap(deref(resource.doc, pairOf(resource.root, 'spec', resource.doc)?.value)) as YAMLMap | undefined;
  const fix: Fix = (file) => [...replaceScalar(node, replacement), ...(labels && spec ? setIn({ text: file.text, doc: resource.doc }, spec, ['selector'], { matchLabels: labels }) : [])];
  if (row.dropped !== null && used.length === 0 && still.length === 0) return { fix };
  const todo: string[] = [];
  if (row.dropped === null) todo.push(`assumes its fields are unchanged: no definitions of ${row.apiVersion} to compare`);
  if (used.length) todo.push(`then rewrite ${fields(used)}, which ${replacement} lacks`);
  if (still.length) todo.push(`then add ${fields(still)}, which ${replacement} requires`);
  return { suggestions: [{ title: `Change apiVersion to ${replacement} (${todo.join('; ')})`, fix }] };
}
