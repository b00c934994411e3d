// Compiles a CustomResourceDefinition's `openAPIV3Schema` into the field tables the schema walk reads
// (rules/schema/validate.ts), with the type codes of the built-in bundle, plus what structural schemas
// add: `*` for the fields a map allows beyond its own (`additionalProperties`,
// `x-kubernetes-preserve-unknown-fields`) and `|…` after a type for the values an `enum` allows, `?` before it for a `nullable` field.
// Used at build time for the bundled Istio CRDs and at run time for the workspace's CRDs.

/** Field tables by definition name (`Kind`, `Kind.spec`, `Kind.spec.rules[]`), and the root's name. */
export interface CompiledSchema {
  root: string;
  defs: Record<string, Record<string, string>>;
}

/** The schemas of a CRD's custom resources by version name. */
export interface CrdSchemas {
  group: string;
  kind: string;
  versions: Record<string, CompiledSchema>;
}

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether every level keeps unknown fields: a v1beta1 CRD that did not opt into pruning. */
interface Compile {
  defs: Record<string, Record<string, string>>;
  preserveAll: boolean;
}

/**
 * `|sA|sB|n1|btrue|z`: the values an enum allows, each a letter for its type (`z` null) and its text,
 * URI-encoded so no value holds a separator or a quote; '' when a value is no scalar.
 */
function enumCode(values: unknown[]): string {
  let out = '';
  for (const v of values) {
    if (v === null) out += '|z';
    else if (typeof v === 'string') out += `|s${encodeURIComponent(v).replace(/'/g, '%27')}`;
    else if (typeof v === 'number' || typeof v === 'boolean') out += `|${typeof v === 'number' ? 'n' : 'b'}${v}`;
    else return '';
  }
  return out;
}

/** The type code of a value's schema (see scripts/gen-k8s-schemas.ts for the codes). */
function codeOf(c: Compile, schema: Schema, name: string): string {
  if (schema['x-kubernetes-int-or-string'] === true) return 'I';
  const values = Array.isArray(schema.enum) ? enumCode(schema.enum) : '';
  switch (schema.type) {
    case 'string':
      return `s${values}`;
    case 'integer':
      return `i${values}`;
    case 'number':
      return `n${values}`;
    case 'boolean':
      return `b${values}`;
    case 'array':
      return `[${isObject(schema.items) ? codeOf(c, schema.items, `${name}[]`) : 'x'}`;
    case 'object':
      return objectCode(c, schema, name);
    default:
      // No type: only `x-kubernetes-preserve-unknown-fields` or int-or-string allow that in a structural schema.
      return 'x';
  }
}

function objectCode(c: Compile, schema: Schema, name: string): string {
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  const preserve = c.preserveAll || schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (!properties && !embedded) {
    if (isObject(additional)) return `{${codeOf(c, additional, `${name}.*`)}`;
    // An object of free keys, or one whose unknown keys the API server keeps.
    if (additional === true || preserve) return 'o';
  }
  // No prototype: a property named `__proto__` is a field like any other.
  const fields: Record<string, string> = Object.create(null);
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  // An embedded resource is an object of its own: apiVersion, kind and metadata are implied.
  if (embedded) Object.assign(fields, { apiVersion: 's', kind: 's', metadata: 'o' });
  for (const [field, value] of Object.entries(properties ?? {})) {
    if (!isObject(value)) continue;
    fields[field] = `${required.has(field) ? '!' : ''}${value.nullable === true ? '?' : ''}${codeOf(c, value, `${name}.${field}`)}`;
  }
  if (isObject(additional)) fields['*'] = codeOf(c, additional, `${name}.*`);
  else if (additional === true || preserve) fields['*'] = 'x';
  // Property names may hold dots: `a.b` under X and `b` under X.a must not share a table.
  let def = name;
  while (Object.prototype.hasOwnProperty.call(c.defs, def)) def += "'";
  c.defs[def] = fields;
  return `@${def}`;
}

/** The tables of one version's `openAPIV3Schema`; `preserveAll` for schemas whose unknown fields are kept everywhere. */
export function compileSchema(kind: string, schema: Schema, preserveAll = false): CompiledSchema {
  const c: Compile = { defs: Object.create(null), preserveAll };
  const root = { ...schema, type: 'object', properties: { ...(isObject(schema.properties) ? schema.properties : {}) } } as Schema;
  // The API server sets and checks these itself, whatever the schema says of them.
  Object.assign(root.properties as Schema, { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } });
  return { root: objectCode(c, root, kind).slice(1), defs: c.defs };
}

/** The schemas of a CRD manifest's spec (apiextensions.k8s.io v1 or v1beta1), or undefined when it names none. */
export function compileCrd(apiVersion: string, spec: unknown): CrdSchemas | undefined {
  if (!isObject(spec) || typeof spec.group !== 'string' || !isObject(spec.names) || typeof spec.names.kind !== 'string') return undefined;
  const kind = spec.names.kind;
  // v1beta1 keeps unknown fields unless the CRD opts into pruning; v1 always prunes them.
  const preserveAll = apiVersion !== 'apiextensions.k8s.io/v1' && spec.preserveUnknownFields !== false;
  const shared = isObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const versions: Record<string, CompiledSchema> = Object.create(null);
  const list = Array.isArray(spec.versions) ? spec.versions : typeof spec.version === 'string' ? [{ name: spec.version }] : [];
  for (const version of list) {
    if (!isObject(version) || typeof version.name !== 'string') continue;
    const schema = isObject(version.schema) ? version.schema.openAPIV3Schema : shared;
    if (isObject(schema)) versions[version.name] = compileSchema(kind, schema, preserveAll);
  }
  return Object.keys(versions).length ? { group: spec.group, kind, versions } : undefined;
}
