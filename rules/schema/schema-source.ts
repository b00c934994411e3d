// What the schema walk reads of a type, whichever schema describes it: the built-in bundle (fields
// by Kubernetes version) or a custom resource's compiled CRD schema (one version, no history).

import { DefinitionFields, definitionFields, fieldAt, fieldsAt, fieldVersions, Segment } from './catalog';
import type { CompiledSchema } from './crd-schema';

export interface SchemaSource {
  /** The fields of a definition at a version, with their type codes, and the code of any other key. */
  fieldsAt(def: string, minor: number): DefinitionFields;
  fieldAt(def: string, field: string, minor: number): string | undefined;
  /** The versions in which a field exists; none for a schema without history. */
  fieldVersions(def: string, field: string): Segment[];
  /** The definition's name in messages: `SecurityContext`, `PeerAuthentication.spec.mtls`. */
  label(def: string): string;
}

export const builtInSource: SchemaSource = {
  fieldsAt,
  fieldAt,
  fieldVersions,
  label: (def) => def.slice(def.lastIndexOf('.') + 1),
};

const sources = new WeakMap<CompiledSchema, SchemaSource>();

export function compiledSource(schema: CompiledSchema): SchemaSource {
  let source = sources.get(schema);
  if (source) return source;
  const fields = (def: string) => (Object.prototype.hasOwnProperty.call(schema.defs, def) ? schema.defs[def] : {});
  const made = new Map<string, DefinitionFields>();
  source = {
    fieldsAt: (def) => {
      let known = made.get(def);
      if (!known) made.set(def, (known = definitionFields(Object.entries(fields(def)))));
      return known;
    },
    fieldAt: (def, field) => (Object.prototype.hasOwnProperty.call(fields(def), field) ? fields(def)[field] : undefined),
    fieldVersions: () => [],
    label: (def) => def.replace(/\[\]/g, ''),
  };
  sources.set(schema, source);
  return source;
}

/** `s|sA|sB` → `s` and the values an enum allows (see enumCode in crd-schema.ts); a code without enum has none. */
export function splitEnum(code: string): [string, unknown[] | undefined] {
  const [type, ...values] = code.split('|');
  if (!values.length) return [code, undefined];
  return [type, values.map((v) => (v === 'z' ? null : v[0] === 's' ? decodeURIComponent(v.slice(1)) : v[0] === 'n' ? Number(v.slice(1)) : v === 'btrue'))];
}
