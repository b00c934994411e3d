// The Kubernetes API as the schema bundle knows it: which group/version serves a kind, and which
// fields a type has, with their types, in each version from 1.14 on. The bundle is parsed once, on
// first use, so a session that never checks a built-in resource never pays for it.

import { schemaJson } from './k8s-schemas';

/** A value that holds in every version (`value`), or in ranges of versions (`[value, from, to, …]`). */
type Versioned = string | ReadonlyArray<string | number>;

interface Bundle {
  from: number;
  to: number;
  kinds: Record<string, Versioned>;
  /** Fields as text (`name=code name=code;from;to;…`), split on first use (scripts/gen-k8s-schemas.ts). */
  defs: Record<string, string>;
}

export interface Segment {
  value: string;
  from: number;
  to: number;
}

let bundle: Bundle | undefined;
let groups: Set<string> | undefined;
let byKind: Map<string, string[]> | undefined;

const fieldsByDef = new Map<string, Map<string, Versioned>>();

function data(): Bundle {
  return (bundle ??= JSON.parse(schemaJson) as Bundle);
}

function fieldsOf(def: string): Map<string, Versioned> | undefined {
  const held = fieldsByDef.get(def);
  if (held) return held;
  const text = data().defs[def];
  if (text === undefined) return undefined;
  const fields = new Map<string, Versioned>();
  for (const entry of text.split(' ')) {
    const [name, value] = entry.split('=');
    const parts = value.split(';');
    fields.set(name, parts.length === 1 ? value : parts.map((p, i) => (i % 3 === 0 ? p : Number(p))));
  }
  fieldsByDef.set(def, fields);
  return fields;
}

/** The version whose definitions stand for `minor`: 1.37 is 1.36 until its definitions are added. */
export function schemaMinor(minor: number): number {
  const { from, to } = data();
  return Math.min(Math.max(minor, from), to);
}

export function segments(versioned: Versioned | undefined): Segment[] {
  if (versioned === undefined) return [];
  const { from, to } = data();
  if (typeof versioned === 'string') return [{ value: versioned, from, to }];
  const out: Segment[] = [];
  for (let i = 0; i < versioned.length; i += 3) out.push({ value: String(versioned[i]), from: Number(versioned[i + 1]), to: Number(versioned[i + 2]) });
  return out;
}

function valueAt(versioned: Versioned | undefined, minor: number): string | undefined {
  if (typeof versioned === 'string') return versioned;
  const at = schemaMinor(minor);
  return segments(versioned).find((s) => s.from <= at && at <= s.to)?.value;
}

/** `apps` of `apps/v1`, `` of `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether Kubernetes itself serves the API group (the core group included): custom resources are never checked. */
export function isBuiltInGroup(apiVersion: string): boolean {
  groups ??= new Set(Object.keys(data().kinds).map((gvk) => groupOf(gvk.slice(0, gvk.lastIndexOf('/')))));
  return groups.has(groupOf(apiVersion));
}

export interface KindSchema {
  /** The definition that describes the kind. */
  def: string;
  /** The version whose definitions apply: the target's, or the nearest one that served the kind. */
  minor: number;
  /** The versions that served the kind. */
  served: Segment[];
}

/** The schema of `apiVersion` + `kind`, or undefined when no Kubernetes version from 1.14 on served that pair. */
export function kindSchema(apiVersion: string, kind: string, minor: number): KindSchema | undefined {
  const served = segments(data().kinds[`${apiVersion}/${kind}`]);
  if (!served.length) return undefined;
  const at = schemaMinor(minor);
  const segment = served.find((s) => s.from <= at && at <= s.to) ?? (at < served[0].from ? served[0] : served[served.length - 1]);
  return { def: segment.value, minor: Math.min(Math.max(at, segment.from), segment.to), served };
}

/** Stable before beta before alpha, then the newest: `v2` before `v1` before `v2beta2`. */
function preference(apiVersion: string): number[] {
  const match = /v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion);
  if (!match) return [0, 0, 0];
  const stage = match[2] === undefined ? 2 : match[2] === 'beta' ? 1 : 0;
  return [stage, Number(match[1]), Number(match[3] ?? 0)];
}

/** The apiVersions that serve `kind` at `minor`, the preferred first. */
export function apiVersionsOf(kind: string, minor: number): string[] {
  if (!byKind) {
    byKind = new Map();
    for (const gvk of Object.keys(data().kinds)) {
      const slash = gvk.lastIndexOf('/');
      const kind = gvk.slice(slash + 1);
      byKind.set(kind, [...(byKind.get(kind) ?? []), gvk.slice(0, slash)]);
    }
  }
  const at = schemaMinor(minor);
  const served = (byKind.get(kind) ?? []).filter((apiVersion) => segments(data().kinds[`${apiVersion}/${kind}`]).some((s) => s.from <= at && at <= s.to));
  return served.sort((a, b) => {
    const [x, y] = [preference(a), preference(b)];
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || a.localeCompare(b);
  });
}

/** The type code of a field at a version (`!` first when required), or undefined when it does not exist then. */
export function fieldAt(def: string, field: string, minor: number): string | undefined {
  const versioned = fieldsOf(def)?.get(field);
  return versioned === undefined ? undefined : valueAt(versioned, minor);
}

/** The versions in which a field exists, with its type code in each. */
export function fieldVersions(def: string, field: string): Segment[] {
  return segments(fieldsOf(def)?.get(field));
}

/** A definition's fields at a version with their type codes, and the code of any other key (`*`), if it takes any. */
export interface DefinitionFields {
  fields: ReadonlyMap<string, string>;
  extra: string | undefined;
}

const fieldsByVersion = new Map<number, Map<string, DefinitionFields>>();

/**
 * The fields of a definition at a version. Asked for every mapping of every resource (a CRD's
 * schema is thousands of them): made once per definition and version, never written to.
 */
export function fieldsAt(def: string, minor: number): DefinitionFields {
  const at = schemaMinor(minor);
  let byDef = fieldsByVersion.get(at);
  if (!byDef) fieldsByVersion.set(at, (byDef = new Map()));
  let known = byDef.get(def);
  if (!known) {
    const codes: Array<[string, string]> = [];
    for (const [field, versioned] of fieldsOf(def) ?? []) {
      const code = valueAt(versioned, minor);
      if (code !== undefined) codes.push([field, code]);
    }
    byDef.set(def, (known = definitionFields(codes)));
  }
  return known;
}

/** `*` is not a field: it stands for any other key. */
export function definitionFields(codes: Iterable<[string, string]>): DefinitionFields {
  const fields = new Map(codes);
  const extra = fields.get('*');
  fields.delete('*');
  return { fields, extra };
}
