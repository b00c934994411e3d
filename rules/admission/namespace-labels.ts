// The Pod Security Admission labels of a Namespace, read as Pod Security Admission reads them: a
// level that is not one of the three is restricted, a version that is not `v1.<minor>` or `latest`
// is latest. And the value that was most likely meant, for the fixes.

import { latestMinor, Node, nodeAt, Resource, Scalar, stringMap } from '../../server/src/engine';

export const labelPrefix = 'pod-security.kubernetes.io/';
export const modes = ['enforce', 'audit', 'warn'] as const;
export const levels = ['privileged', 'baseline', 'restricted'] as const;

export interface LabelEntry {
  key: string;
  value: string;
  keyNode: Scalar;
  valueNode: Node | undefined;
}

/** The `pod-security.kubernetes.io/*` labels of a v1 Namespace, by key; empty for anything else. */
export function podSecurityLabels(resource: Resource): Map<string, LabelEntry> {
  const out = new Map<string, LabelEntry>();
  if (resource.kind !== 'Namespace' || resource.apiVersion !== 'v1') return out;
  const labels = stringMap(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']), 'labels');
  for (const [key, entry] of labels) if (key.startsWith(labelPrefix)) out.set(key, { key, ...entry });
  return out;
}

/** As Pod Security Admission parses versions (`^v1\.(0|[1-9][0-9]*)$` or `latest`). */
export function isValidVersion(value: string): boolean {
  return value === 'latest' || /^v1\.(0|[1-9]\d*)$/.test(value);
}

export function minorOf(version: string): number | undefined {
  const m = /^v1\.(\d+)$/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** The level most likely meant: the same word in another case, or the one within two typos; undefined when unclear. */
export function intendedLevel(value: string): string | undefined {
  const lower = value.trim().toLowerCase();
  if ((levels as readonly string[]).includes(lower)) return lower;
  const scored = levels.map((level) => ({ level, distance: distance(lower, level) })).sort((a, b) => a.distance - b.distance);
  if (scored[0].distance > 2 || scored[0].distance === scored[1].distance) return undefined;
  return scored[0].level;
}

/** The version most likely meant: `1.30`, `V1.30`, `v1.30.2` → `v1.30`; `Latest` → `latest`; undefined when unclear. */
export function intendedVersion(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'latest') return 'latest';
  const m = /^v?1\.0*(\d+)(\.\d+)?$/.exec(text);
  return m ? `v1.${Number(m[1])}` : undefined;
}

/** True when a valid version is newer than every release the engine knows: it is read as latest. */
export function isFutureVersion(version: string): boolean {
  const minor = minorOf(version);
  return minor !== undefined && minor > latestMinor;
}

/** Levenshtein distance, for short words. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
