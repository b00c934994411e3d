// Derives the schema bundle of rules/schema from the Kubernetes API definitions of every version in
// ../shared/reference/kubernetes-schemas (v1.14–v1.36, swagger-style JSON Schema from cdk8s-team/cdk8s,
// Apache-2.0): for each group/version/kind and each field, the versions in which it exists, its type
// and whether it is required, as version ranges rather than one copy per version.
//
// Usage: npm run schemas            writes rules/schema/k8s-schemas.ts
//        npm run schemas -- --check fails when the committed bundle differs from what the sources give

import { join, resolve } from 'node:path';
import { writeOrCheck } from './generated-file';
import { readDefinitions } from './kubernetes-definitions';

const root = resolve(__dirname, '..');
export const sourceDir = resolve(root, '../shared/reference/kubernetes-schemas');
export const bundlePath = join(root, 'rules/schema/k8s-schemas.ts');
export const firstMinor = 14;
export const lastMinor = 36;

interface Property {
  type?: string;
  format?: string;
  $ref?: string;
  items?: Property;
  additionalProperties?: Property | boolean;
}
interface Definition extends Property {
  properties?: Record<string, Property>;
  required?: string[];
  oneOf?: Property[];
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}
type Definitions = Record<string, Definition>;

function definitionsOf(minor: number): Definitions {
  const definitions = readDefinitions<Definition>(sourceDir, minor);
  if (!definitions) throw new Error(`no API definitions of 1.${minor} in ${sourceDir}`);
  return definitions;
}

/** `io.k8s.api.apps.v1.DeploymentSpec` → `apps.v1.DeploymentSpec`: the prefixes say nothing the rest does not. */
export function shortName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '').replace(/^io\.k8s\.(api|apimachinery\.pkg\.apis|apimachinery\.pkg|kube-aggregator\.pkg\.apis|apiextensions-apiserver\.pkg\.apis)\./, '');
}

/**
 * The type of a value in a compact code: `s` string, `i` integer, `n` number, `b` boolean, `I`
 * int-or-string, `Q` quantity, `o` an object of any keys, `x` anything, `@Name` a definition with
 * fields, `[T` a list of T, `{T` a map of T.
 */
function typeCode(p: Property, defs: Definitions): string {
  if (p.$ref) {
    const name = p.$ref.replace(/^#\/definitions\//, '');
    const target = defs[name];
    if (!target) return 'x';
    if (name.endsWith('.IntOrString')) return 'I';
    if (name.endsWith('.Quantity')) return 'Q';
    if (target.properties && Object.keys(target.properties).length) return `@${shortName(name)}`;
    return typeCode({ ...target, $ref: undefined }, defs);
  }
  switch (p.type) {
    case 'string':
      return 's';
    case 'integer':
      return 'i';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'array':
      return `[${p.items ? typeCode(p.items, defs) : 'x'}`;
    case 'object':
      return typeof p.additionalProperties === 'object' ? `{${typeCode(p.additionalProperties, defs)}` : 'o';
    default:
      return 'x';
  }
}

/** Per version, what each definition's fields are (`!` before the code when required). */
function snapshot(defs: Definitions) {
  const fields = new Map<string, Map<string, string>>();
  const kinds = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    if (!def.properties || !Object.keys(def.properties).length) continue;
    const short = shortName(name);
    const own = new Map<string, string>();
    const required = new Set(def.required ?? []);
    for (const [field, p] of Object.entries(def.properties)) own.set(field, `${required.has(field) ? '!' : ''}${typeCode(p, defs)}`);
    fields.set(short, own);
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      // Every group lists these two for its watch and delete calls: they are no manifests.
      if (gvk.kind === 'DeleteOptions' || gvk.kind === 'WatchEvent') continue;
      kinds.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, short);
    }
  }
  return { fields, kinds };
}

/** Values by version → `value` when the same in every version, else `[value, from, to, …]`. */
class Ranges {
  private readonly byMinor = new Map<number, string>();
  set(minor: number, value: string): void {
    this.byMinor.set(minor, value);
  }
  encode(): string | Array<string | number> {
    const segments: Array<[string, number, number]> = [];
    for (let minor = firstMinor; minor <= lastMinor; minor++) {
      const value = this.byMinor.get(minor);
      if (value === undefined) continue;
      const last = segments[segments.length - 1];
      if (last && last[0] === value && last[2] === minor - 1) last[2] = minor;
      else segments.push([value, minor, minor]);
    }
    const [only] = segments;
    return segments.length === 1 && only[1] === firstMinor && only[2] === lastMinor ? only[0] : segments.flat();
  }
}

export interface SchemaBundle {
  from: number;
  to: number;
  /** `group/version/Kind` (`v1/Pod` for the core group) → definition. */
  kinds: Record<string, string | Array<string | number>>;
  /**
   * definition → its fields as text, `name=code name=code;from;to;code;from;to …`, split only when the
   * definition is first used: parsing a few thousand strings instead of some fifty thousand values
   * keeps the bundle's load time low.
   */
  defs: Record<string, string>;
}

function fieldsText(fields: Map<string, Ranges>): string {
  return [...fields.keys()]
    .sort()
    .map((field) => {
      if (/[\s=;]/.test(field)) throw new Error(`field name ${field} cannot be written in the bundle`);
      const encoded = fields.get(field)!.encode();
      return `${field}=${typeof encoded === 'string' ? encoded : encoded.join(';')}`;
    })
    .join(' ');
}

export function buildBundle(): SchemaBundle {
  const kinds = new Map<string, Ranges>();
  const defs = new Map<string, Map<string, Ranges>>();
  const ranges = <K>(map: Map<K, Ranges>, key: K) => map.get(key) ?? map.set(key, new Ranges()).get(key)!;
  for (let minor = firstMinor; minor <= lastMinor; minor++) {
    const { fields, kinds: served } = snapshot(definitionsOf(minor));
    for (const [gvk, def] of served) ranges(kinds, gvk).set(minor, def);
    for (const [def, own] of fields) {
      const byField = defs.get(def) ?? defs.set(def, new Map()).get(def)!;
      for (const [field, code] of own) ranges(byField, field).set(minor, code);
    }
  }
  const sorted = <V>(map: Map<string, V>) => [...map.keys()].sort();
  return {
    from: firstMinor,
    to: lastMinor,
    kinds: Object.fromEntries(sorted(kinds).map((k) => [k, kinds.get(k)!.encode()])),
    defs: Object.fromEntries(sorted(defs).map((d) => [d, fieldsText(defs.get(d)!)])),
  };
}

export function renderBundle(): string {
  const json = JSON.stringify(buildBundle());
  // Single quotes hold the JSON without escapes as long as it has no quote or backslash of its own.
  if (/['\\]/.test(json)) throw new Error('the schema bundle holds a quote or a backslash');
  return [
    '// Generated by scripts/gen-k8s-schemas.ts (`npm run schemas`) from the Kubernetes API definitions',
    '// v1.14–v1.36 (cdk8s-team/cdk8s, Apache-2.0). Do not edit. Parsed once, on first use (rules/schema/catalog.ts).',
    '',
    'export const schemaJson =',
    `  '${json}';`,
    '',
  ].join('\n');
}

function main(): void {
  writeOrCheck(bundlePath, renderBundle(), 'npm run schemas');
}

if (require.main === module) main();
