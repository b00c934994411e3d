// Which resources a Kyverno rule applies to, offline, for a CREATE: `match` and `exclude` with their
// `any`/`all` filters (or the older single `resources`), each filter's kinds (`Pod`, `v1/Pod`,
// `apps/v1/Deployment`, wildcards), names, namespaces, label selector, namespace selector and
// operations. A filter on who makes the request (subjects, roles) is unknown offline.

import { and, matches, parseSelector, Tri } from '../../server/src/engine';
import type { Target } from './admission-match';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Kyverno's wildcards: `*` any run of characters, `?` one. */
function wildcard(pattern: string, value: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === value;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

function kindMatches(entry: string, t: Target): boolean {
  const parts = entry.split('/');
  const [group, version, kind] = parts.length >= 3 ? parts : parts.length === 2 ? [undefined, parts[0], parts[1]] : [undefined, undefined, parts[0]];
  if (!wildcard(kind, t.kind)) return false;
  if (version !== undefined && !wildcard(version, t.version)) return false;
  return group === undefined || wildcard(group, t.group);
}

/** One ResourceDescription (`resources:` of a filter) against the target. */
function resourcesMatch(resources: Record<string, unknown>, t: Target): Tri {
  const kinds = list(resources.kinds);
  if (kinds.length > 0 && !kinds.some((k) => kindMatches(k, t))) return false;
  const names = [...list(resources.names), ...(typeof resources.name === 'string' ? [resources.name] : [])];
  if (names.length > 0 && !names.some((n) => wildcard(n, t.name))) return false;
  const namespaces = list(resources.namespaces);
  if (namespaces.length > 0 && (t.namespace === null || !namespaces.some((n) => wildcard(n, t.namespace!)))) return false;
  const operations = list(resources.operations);
  if (operations.length > 0 && !operations.includes('CREATE')) return false;
  const namespaceSelector = resources.namespaceSelector === undefined ? true : t.namespace === null ? false : matches(parseSelector(resources.namespaceSelector), t.namespaceLabels);
  return and(namespaceSelector, matches(parseSelector(resources.selector), t.labels));
}

function filterMatches(filter: unknown, t: Target): Tri {
  if (!filter || typeof filter !== 'object') return false;
  const f = filter as Record<string, unknown>;
  // Who sends the request is not known offline.
  if (['subjects', 'roles', 'clusterRoles'].some((k) => Array.isArray(f[k]) && (f[k] as unknown[]).length > 0)) return undefined;
  return f.resources && typeof f.resources === 'object' ? resourcesMatch(f.resources as Record<string, unknown>, t) : false;
}

/** A `match` or `exclude` block: `any` (one filter), `all` (every filter), or a single filter. */
export function blockMatches(block: unknown, t: Target): Tri {
  if (!block || typeof block !== 'object') return false;
  const b = block as Record<string, unknown>;
  if (Array.isArray(b.any)) {
    const results = b.any.map((f) => filterMatches(f, t));
    return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
  }
  if (Array.isArray(b.all)) return and(...b.all.map((f) => filterMatches(f, t)));
  return filterMatches(b, t);
}
