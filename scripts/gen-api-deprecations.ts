// Generates rules/schema/api-deprecations.ts, the table the deprecated- and removed-API rules read,
// from Pluto's list of deprecated Kubernetes APIs (../shared/reference/api-deprecations/versions.yaml)
// checked against the API definitions of every version (../shared/reference/kubernetes-schemas).
// `tsx scripts/gen-api-deprecations.ts` writes it; `--check` exits 1 when the committed table is stale.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeOrCheck } from './generated-file';
import { readDefinitions } from './kubernetes-definitions';
import { parse } from 'yaml';
import { apiChanges, Definitions } from './api-schema-diff';
import type { ApiDeprecation } from '../rules/schema/api-migration';

const root = resolve(__dirname, '..');
export const reference = process.env.KUBE_HARDEN_REFERENCE ?? resolve(root, '../shared/reference');
export const tablePath = join(root, 'rules/schema/api-deprecations.ts');

interface PlutoEntry {
  version: string;
  kind: string;
  'deprecated-in'?: string;
  'removed-in'?: string;
  'replacement-api'?: string;
  'replacement-available-in'?: string;
  component: string;
}

export type { ApiDeprecation };

const minorOf = (v: string | undefined): number | null => {
  const m = /^v?1\.(\d+)/.exec(v ?? '');
  return m ? Number(m[1]) : null;
};

/** The API definitions of each Kubernetes minor version in the reference, oldest first. */
function loadSchemas(): Map<number, Definitions> {
  const dir = join(reference, 'kubernetes-schemas');
  const out = new Map<number, Definitions>();
  for (let minor = 0; minor < 100; minor++) {
    const definitions = readDefinitions<Definitions[string]>(dir, minor);
    if (definitions) out.set(minor, definitions);
  }
  return out;
}

/** The definition name serving `group/version` `kind` in one version's definitions. */
export function definitionOf(defs: Definitions, apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  for (const [name, def] of Object.entries(defs)) {
    if (def['x-kubernetes-group-version-kind']?.some((g) => (g.group ?? '') === group && g.version === version && g.kind === kind)) return name;
  }
  return undefined;
}

/** List wrappers are not written as manifests, and Pluto's `FlowControl` row names no kind. */
const listable = (kind: string | undefined): boolean => !!kind && !kind.endsWith('List') && kind !== 'FlowControl';

/**
 * One row per Kubernetes API version and kind. Istio's and cert-manager's rows are left out: their
 * versions are of those projects, not of Kubernetes, so a Kubernetes target says nothing of them.
 */
export function buildTable(): ApiDeprecation[] {
  const pluto = parse(readFileSync(join(reference, 'api-deprecations/versions.yaml'), 'utf8')) as { 'deprecated-versions': PlutoEntry[] };
  const schemas = loadSchemas();
  const minors = [...schemas.keys()];
  const seen = new Set<string>();
  const rows: ApiDeprecation[] = [];
  for (const e of pluto['deprecated-versions']) {
    const key = `${e.version} ${e.kind}`;
    if (e.component !== 'k8s' || !listable(e.kind) || seen.has(key)) continue;
    seen.add(key);
    const replacement = e['replacement-api'] || null;
    const oldAt = minors.filter((m) => definitionOf(schemas.get(m)!, e.version, e.kind));
    const newAt = replacement ? minors.filter((m) => definitionOf(schemas.get(m)!, replacement, e.kind)) : [];
    // Pluto leaves some availabilities out; the definitions say when the replacement was first served.
    // A version the definitions stop listing is no longer compiled in: removed then at the latest
    // (Pluto's flowcontrol v1beta1 rows say 1.29 where Kubernetes removed it in 1.26).
    const gone = oldAt.length && oldAt[oldAt.length - 1] < minors[minors.length - 1] ? oldAt[oldAt.length - 1] + 1 : null;
    const plutoRemoved = minorOf(e['removed-in']);
    const removed = gone !== null && (plutoRemoved === null || gone < plutoRemoved) ? gone : plutoRemoved;
    const since = minorOf(e['replacement-available-in']) ?? (newAt.length ? (newAt[0] === minors[0] ? null : newAt[0]) : null);
    let changes: { dropped: string[]; required: string[] } | null = null;
    if (replacement && oldAt.length && newAt.length) {
      // Compare where both are served when they overlap, else the last old one with the first new one.
      const both = oldAt.filter((m) => newAt.includes(m));
      const oldMinor = both.length ? both[both.length - 1] : oldAt[oldAt.length - 1];
      const newMinor = both.length ? oldMinor : newAt[0];
      const oldDefs = schemas.get(oldMinor)!;
      const newDefs = schemas.get(newMinor)!;
      changes = apiChanges(oldDefs, definitionOf(oldDefs, e.version, e.kind)!, newDefs, definitionOf(newDefs, replacement, e.kind)!);
    }
    rows.push({
      apiVersion: e.version,
      kind: e.kind,
      deprecated: minorOf(e['deprecated-in']),
      removed,
      replacement,
      replacementSince: since,
      dropped: changes ? changes.dropped : null,
      required: changes ? changes.required : [],
    });
  }
  return rows;
}

/** One row per line (kept so by Prettier's ignore comment), so a change of the reference shows as a change of rows. */
export function renderTable(rows: readonly ApiDeprecation[]): string {
  return `// Generated by scripts/gen-api-deprecations.ts from ../shared/reference/api-deprecations/versions.yaml
// (FairwindsOps/pluto, Apache-2.0) and the API definitions of ../shared/reference/kubernetes-schemas
// (cdk8s-team/cdk8s, Apache-2.0). Do not edit: run \`tsx scripts/gen-api-deprecations.ts\`.

import type { ApiDeprecation } from './api-migration';

// prettier-ignore
export const apiDeprecations: readonly ApiDeprecation[] = [
${rows.map((r) => `  ${JSON.stringify(r)},`).join('\n')}
];
`;
}

if (require.main === module) writeOrCheck(tablePath, renderTable(buildTable()), 'tsx scripts/gen-api-deprecations.ts');
