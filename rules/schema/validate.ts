// Walks a built-in resource against the schema of its kind at the target version and lists what the
// API server would reject: fields it does not know (or knows only in other versions), values of the
// wrong type, required fields left out. The walk runs once per resource and version; each schema rule
// reports its own kind of issue from it.

import { asMap, deref, entriesOf, isMap, isScalar, isSeq, isTemplated } from '../../server/src/engine';
import type { Document, Node, Pair, ParsedFile, Resource, Scalar, WorkspaceView, YAMLMap } from '../../server/src/engine';
import { apiVersionsOf, isBuiltInGroup, kindSchema, Segment } from './catalog';
import { customSchema } from './crd-catalog';
import { builtInSource, compiledSource, SchemaSource, splitEnum } from './schema-source';
import { closestField } from './suggest';
import { actualOf, enumProblem, expectedOf, scalarProblem, shapeFits, TypeProblem } from './values';

/** A field the type does not have at the target version. */
export interface UnknownField {
  type: 'unknown';
  key: Scalar;
  field: string;
  /** The definition's short type name, e.g. `SecurityContext`. */
  owner: string;
  /** The field it most likely meant, and whether only its letter case differs. */
  suggestion?: { field: string; caseOnly: boolean; taken: boolean };
  /** The type one level up that has the field: the key is most likely indented wrong. */
  misplaced?: string;
  /** The versions in which the field exists, when it does in some. */
  versions: Segment[];
}

export interface WrongType {
  type: 'type';
  node: Node;
  field: string;
  problem: TypeProblem;
}

export interface MissingField {
  type: 'required';
  /** The key of the mapping that lacks the field (or what stands for it). */
  node: Node;
  field: string;
  owner: string;
}

export type SchemaIssue = UnknownField | WrongType | MissingField;

export interface Validation {
  issues: SchemaIssue[];
  /** The apiVersion the kind is served by when the resource names one that never served it. */
  servedBy?: string[];
  /** The versions that serve the resource's apiVersion and kind (none for a kind under a wrong apiVersion). */
  served: Segment[];
}

interface Walk {
  doc: Document;
  source: string;
  minor: number;
  required: boolean;
  issues: SchemaIssue[];
  seen: Set<Node>;
  schema: SchemaSource;
  /** Custom resources: null values of fields that are not nullable are dropped by the API server. */
  prunesNull: boolean;
}

/** Issues of one resource beyond which the walk stops: a generated file with thousands of one mistake needs no more. */
export const maxIssues = 200;

/**
 * By parsed file, then by resource root, for the five schema rules that read one validation. By file
 * first because the server re-parses a block of a document in place (one root may hold other content
 * in the next version's file), and because an entry must not outlive its file: it held the file's
 * text, and a document kept unchanged across edits kept the whole text of every version it was
 * validated in (27 MB after 60 keystrokes in a 50,000-line file).
 */
const cache = new WeakMap<ParsedFile, WeakMap<YAMLMap, { key: string; custom: object | undefined; validation: Validation | undefined }>>();

/**
 * The validation of a resource at a Kubernetes minor version, or undefined for what the bundle does
 * not describe (custom resources, unknown kinds). `partial`: a patch, whose missing fields are no issue.
 */
export function validate(resource: Resource, file: ParsedFile, minor: number, partial: boolean, workspace?: WorkspaceView): Validation | undefined {
  // A document with a syntax error is being typed (its resources are checked on a repaired copy):
  // which keys belong to what is not known until it parses.
  if (file.documents.find((d) => d.index === resource.document.index)?.hasErrors) return undefined;
  const key = `${minor}|${partial}|${resource.apiVersion}|${resource.kind}`;
  // A custom resource's schema may come from another file: a changed CRD is a new schema object.
  const custom = isBuiltInGroup(resource.apiVersion) ? undefined : customSchema(resource.apiVersion, resource.kind, workspace);
  let byRoot = cache.get(file);
  if (!byRoot) cache.set(file, (byRoot = new WeakMap()));
  const held = byRoot.get(resource.root);
  if (held && held.key === key && held.custom === custom) return held.validation;
  const validation = custom ? runCustom(resource, file.text, custom, partial) : run(resource, file.text, minor, partial);
  byRoot.set(resource.root, { key, custom, validation });
  return validation;
}

function runCustom(resource: Resource, source: string, custom: NonNullable<ReturnType<typeof customSchema>>, partial: boolean): Validation {
  const walk: Walk = { doc: resource.doc, source, minor: 0, required: !partial, issues: [], seen: new Set(), schema: compiledSource(custom), prunesNull: true };
  checkMap(walk, resource.root, custom.root, resource.anchor);
  return { issues: walk.issues, served: [] };
}

function run(resource: Resource, source: string, minor: number, partial: boolean): Validation | undefined {
  if (!isBuiltInGroup(resource.apiVersion)) return undefined;
  let schema = kindSchema(resource.apiVersion, resource.kind, minor);
  let servedBy: string[] | undefined;
  if (!schema) {
    // A kind under an apiVersion that never served it (`v1` + Deployment): checked as the right one.
    servedBy = apiVersionsOf(resource.kind, minor);
    if (!servedBy.length) return undefined;
    schema = kindSchema(servedBy[0], resource.kind, minor)!;
  }
  const walk: Walk = { doc: resource.doc, source, minor: schema.minor, required: !partial, issues: [], seen: new Set(), schema: builtInSource, prunesNull: false };
  checkMap(walk, resource.root, schema.def, resource.anchor);
  return { issues: walk.issues, servedBy, served: servedBy ? [] : schema.served };
}

/** Checks a value against a type code; `field` names it in messages, `owner` stands for it when it lacks a field. */
function checkValue(walk: Walk, value: Node | null | undefined, code: string, field: string, owner: Node, holder: string): void {
  const node = deref(walk.doc, value);
  if (!node || (isScalar(node) && node.value === null) || isTemplated(node) || walk.issues.length >= maxIssues) return;
  // An alias is judged where it stands (its anchor may be right elsewhere); what it refers to is walked once.
  const alias = node !== value ? (value as Node) : undefined;
  // `!` required, `?` nullable (custom resources): neither changes what a value must be.
  const [type, values] = splitEnum(code.replace(/^!?\??/, ''));
  if (!shapeFits(node, type)) {
    walk.issues.push({ type: 'type', node: alias ?? (isScalar(node) ? node : owner), field, problem: { expected: expectedOf(type), actual: actualOf(node) } });
    return;
  }
  if (alias && isScalar(node)) {
    const problem = scalarProblem(node, type, walk.source);
    if (problem) walk.issues.push({ type: 'type', node: alias, field, problem: { expected: problem.expected, actual: problem.actual } });
    return;
  }
  if (walk.seen.has(node)) return;
  walk.seen.add(node);
  if (type.startsWith('@')) return checkMap(walk, node as YAMLMap, type.slice(1), owner, holder);
  if (type.startsWith('[') && isSeq(node)) {
    for (const item of node.items) checkValue(walk, item as Node, type.slice(1), `${field}[]`, firstKey(walk, item as Node) ?? (item as Node), holder);
    return;
  }
  if (type.startsWith('{') && isMap(node)) {
    for (const pair of node.items) if (!isMergeKey(pair)) checkValue(walk, pair.value as Node, type.slice(1), keyText(pair) ?? field, pair.key as Node, holder);
    return;
  }
  if (isScalar(node)) {
    const problem = scalarProblem(node, type, walk.source) ?? (values && enumProblem(node, values));
    if (problem) walk.issues.push({ type: 'type', node, field, problem });
  }
}

function isNull(walk: Walk, value: Node | null | undefined): boolean {
  const node = deref(walk.doc, value);
  return !node || (isScalar(node) && node.value === null);
}

function firstKey(walk: Walk, item: Node): Node | undefined {
  const map = asMap(deref(walk.doc, item));
  const key = map?.items[0]?.key as Node | undefined;
  return key?.range ? key : undefined;
}

/** `<<: *base` (its key a symbol once merges are resolved): its entries belong to the map it merges in. */
function isMergeKey(pair: Pair): boolean {
  const key = isScalar(pair.key) ? pair.key.value : pair.key;
  return key === '<<' || (typeof key === 'symbol' && key.description === '<<');
}

function keyText(pair: Pair): string | undefined {
  if (!isScalar(pair.key)) return undefined;
  const value = pair.key.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** `parent`: the type that holds this mapping's field, where a wrongly indented key may belong. */
function checkMap(walk: Walk, map: YAMLMap, def: string, owner: Node, parent?: string): void {
  // `extra`: what a map allows beyond its own fields (a custom resource's additionalProperties or preserved fields).
  const { fields, extra } = walk.schema.fieldsAt(def, walk.minor);
  // Kept only when required fields are checked (not in a patch): every mapping of a resource comes here.
  const present = walk.required ? new Set<string>() : undefined;
  // A custom resource's null value of a field that is not nullable is pruned: the field is then missing.
  const pruned = walk.prunesNull ? new Set<string>() : undefined;
  for (const pair of map.items) {
    if (isMergeKey(pair)) continue;
    const name = keyText(pair);
    const key = pair.key as Scalar;
    // Patch directives ($patch, $setElementOrder/…) and templated keys are not fields.
    if (name === undefined || name.startsWith('$') || isTemplated(key)) continue;
    present?.add(name);
    const code = fields.get(name);
    if (pruned && code !== undefined && !/^!?\?/.test(code) && isNull(walk, pair.value as Node)) pruned.add(name);
    if (code !== undefined || extra !== undefined) {
      checkValue(walk, pair.value as Node, code ?? extra!, name, key, def);
      continue;
    }
    const issue = unknownField(walk, key, name, def, fields, map, parent);
    walk.issues.push(issue);
    // What the key most likely meant decides how its value is read: `Webhooks` holds webhooks.
    if (issue.suggestion?.caseOnly) checkValue(walk, pair.value as Node, fields.get(issue.suggestion.field)!, issue.suggestion.field, key, def);
    else if (issue.misplaced) checkValue(walk, pair.value as Node, walk.schema.fieldAt(parent!, name, walk.minor)!, name, key, parent!);
  }
  if (!present) return;
  for (const pair of entriesOf(walk.doc, map)) {
    const name = keyText(pair);
    if (name !== undefined) present.add(name);
  }
  for (const [field, code] of fields) {
    if (code.startsWith('!') && (!present.has(field) || pruned?.has(field))) walk.issues.push({ type: 'required', node: owner, field, owner: walk.schema.label(def) });
  }
}

function unknownField(walk: Walk, key: Scalar, name: string, def: string, fields: ReadonlyMap<string, string>, map: YAMLMap, parent: string | undefined): UnknownField {
  const versions = walk.schema.fieldVersions(def, name);
  const closest = versions.length ? undefined : closestField(name, [...fields.keys()]);
  const taken = closest !== undefined && map.items.some((p) => keyText(p) === closest.field);
  const misplaced = !versions.length && !closest && parent !== undefined && walk.schema.fieldAt(parent, name, walk.minor) !== undefined ? walk.schema.label(parent) : undefined;
  return { type: 'unknown', key, field: name, owner: walk.schema.label(def), versions, suggestion: closest && { ...closest, taken }, misplaced };
}
