// The two fixes of a finding an overlay's rendering has on a base: the rule's fix, applied to the
// rendering, read back as the values it changes (list items named as a strategic merge matches
// them); then either those values set in the base file (every overlay gets them), or a
// strategic-merge patch of only those values added to the overlay (a new file listed last in its
// kustomization's `patches`, or the patch inline when no file can be created). Pure.

import { applyEdits, asMap, Edit, Finding, Fix, ParsedFile, parseManifest, plain, removeIn, Resource, resourcesOf, setIn, YamlValue } from '../../server/src/engine';
import { changedLines } from '../helm/values-fix';
import { addPatchEntry, PatchEntry, patchText, PatchValue } from './kustomization-edit';
import { locate, Step } from './map-rendered';

/** A value the fix sets at `path` of the resource, or removes (`value` undefined). */
export interface Change {
  path: Step[];
  value: PatchValue | undefined;
}

type Plain = PatchValue | undefined;
const isObject = (v: unknown): v is { [key: string]: PatchValue } => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const named = (list: unknown[]) => list.every((i) => isObject(i) && typeof i.name === 'string');

/**
 * What the finding's fix (or one of its suggestions, `apply`) changes in its rendered resource; undefined when that cannot be said as a
 * strategic merge (an object added to or taken from a list, a list item without a name) or the fix
 * edits outside the resource.
 */
export function renderedChanges(rendering: ParsedFile, finding: Finding, resource: Resource, apply: Fix | undefined = finding.fix?.apply): Change[] | undefined {
  const document = rendering.documents[finding.documentIndex];
  const range = document?.doc.range;
  if (!apply || !document || document.hasErrors || !range) return undefined;
  const edits = apply(rendering);
  if (edits.length === 0 || edits.some((e) => e.offset < range[0] || e.offset + e.length > range[2])) return undefined;
  // Only this document is parsed again: a rendering can hold hundreds.
  const delta = edits.reduce((sum, e) => sum + e.text.length - e.length, 0);
  const fixed = parseManifest(applyEdits(rendering.text, edits).slice(range[0], range[2] + delta));
  const after = resourcesOf(fixed).find((r) => r.kind === resource.kind && r.name === resource.name);
  if (!after) return undefined;
  const changes: Change[] = [];
  const ok = diff(plain(resource.doc, resource.root) as Plain, plain(after.doc, after.root) as Plain, [], changes);
  return ok && changes.length > 0 ? changes : undefined;
}

function diff(before: Plain, after: Plain, path: Step[], out: Change[]): boolean {
  if (same(before, after)) return true;
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) if (!(key in after)) out.push({ path: [...path, key], value: undefined });
    return Object.keys(after).every((key) => (key in before ? diff(before[key], after[key], [...path, key], out) : (out.push({ path: [...path, key], value: after[key] }), true)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const names = (list: PatchValue[]) => list.map((i) => (i as { name: string }).name).join('\u0000');
    if (named(before) && named(after) && names(before) === names(after)) {
      return before.every((item, i) => diff(item, after[i], [...path, { name: (item as { name: string }).name }], out));
    }
    // A strategic merge merges lists of objects by key: a whole new list would not replace them.
    if ([...before, ...after].some((i) => typeof i === 'object' && i !== null)) return false;
  }
  out.push({ path, value: after });
  return true;
}

/** The value at `path` of a plain resource. */
function valueAt(value: Plain, path: readonly Step[]): Plain {
  let current = value;
  for (const step of path) {
    if (typeof step === 'string') current = isObject(current) ? current[step] : undefined;
    else if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
    else current = Array.isArray(current) ? current.find((i) => isObject(i) && i.name === step.name) : undefined;
  }
  return current;
}

const hasNull = (v: Plain): boolean => v === null || (Array.isArray(v) ? v.some(hasNull) : isObject(v) && Object.values(v).some(hasNull));

/** True when the overlay itself changed a value the fix changes: a fix below the overlay's own patches would be overridden again. */
export function changedByOverlay(changes: readonly Change[], rendered: Resource, base: Resource): boolean {
  const renderedPlain = plain(rendered.doc, rendered.root) as Plain;
  const basePlain = plain(base.doc, base.root) as Plain;
  return changes.some((c) => !same(valueAt(renderedPlain, c.path), valueAt(basePlain, c.path)));
}

/**
 * The changes made in the base resource, as edits of its file; undefined where the overlay itself
 * changed a value the fix changes (the base's value would be overridden again) or a change has no
 * place in the base (a container the base does not have).
 */
export function baseFix(changes: readonly Change[], rendered: Resource, base: { parsed: ParsedFile; resource: Resource }): Edit[] | undefined {
  if (changedByOverlay(changes, rendered, base.resource)) return undefined;
  return setChanges(changes, base.parsed, base.resource);
}

/** The changes as edits of a file that holds `resource`, made one after the other on its text. */
function setChanges(changes: readonly Change[], file: ParsedFile, resource: Resource): Edit[] | undefined {
  const original = file.text;
  const index = resource.document.index;
  let text = original;
  let last: Edit[] = [];
  for (const change of changes) {
    const { value } = change;
    if (hasNull(value)) return undefined;
    const document = parseManifest(text).documents[index];
    const current = document && resourcesOf({ ...file, text, documents: [document] }).find((r) => r.kind === resource.kind && r.name === resource.name);
    if (!current) return undefined;
    // The last list item on the path is found by name; below it, keys only.
    const split = change.path.reduce<number>((at, step, i) => (typeof step === 'string' ? at : i), -1);
    const map = split < 0 ? current.root : asMap(locate(current.doc, current.root, change.path.slice(0, split + 1))?.node);
    const rest = change.path.slice(split + 1) as string[];
    if (!map || rest.length === 0) return undefined;
    const target = { text, doc: current.doc };
    last = value === undefined ? removeIn(target, map, rest) : setIn(target, map, rest, value as YamlValue);
    if (last.length === 0) return undefined;
    text = applyEdits(text, last);
  }
  return changes.length === 1 ? last : [changedLines(original, text)];
}

/** A strategic-merge patch file of the overlay's own kustomization, which no other kustomization uses. */
export interface OwnPatch {
  file: string;
  parsed: ParsedFile;
}

/**
 * The changes written into a patch of the overlay that already targets the resource (one resource,
 * the same kind and name), where each has a place there (a container the patch names, or none).
 */
export function existingPatchFix(changes: readonly Change[], target: PatchTarget, patches: readonly OwnPatch[]): { file: string; edits: Edit[] } | undefined {
  // A removal in a patch would be a `null`, which an edit of the patch cannot tell from a typo: a new patch says it.
  if (changes.some((c) => c.value === undefined)) return undefined;
  for (const patch of patches) {
    const resources = resourcesOf(patch.parsed);
    const resource = resources.length === 1 && resources[0].kind === target.kind && resources[0].name === target.name ? resources[0] : undefined;
    const edits = resource && setChanges(changes, patch.parsed, resource);
    if (edits) return { file: patch.file, edits };
  }
  return undefined;
}

/** The strategic-merge patch that makes the changes: the resource named as its base names it, and only the changed values. */
export function patchOf(changes: readonly Change[], target: PatchTarget): { [key: string]: PatchValue } | undefined {
  const metadata: { [key: string]: PatchValue } = { name: target.name };
  if (target.namespace) metadata.namespace = target.namespace;
  const patch: { [key: string]: PatchValue } = { apiVersion: target.apiVersion, kind: target.kind, metadata };
  for (const change of changes) if (!put(patch, change.path, change.value === undefined ? null : change.value)) return undefined;
  return patch;
}

function put(root: { [key: string]: PatchValue }, path: readonly Step[], value: PatchValue): boolean {
  let node: PatchValue = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (typeof step === 'string') {
      if (!isObject(node)) return false;
      if (last) return ((node[step] = value), true);
      node[step] ??= typeof path[i + 1] === 'object' ? [] : {};
      node = node[step];
    } else if (typeof step === 'object' && Array.isArray(node) && !last) {
      let item: PatchValue | undefined = node.find((entry) => isObject(entry) && entry.name === step.name);
      if (!item) node.push((item = { name: step.name }));
      node = item;
    } else return false;
  }
  return false;
}

export interface PatchTarget {
  apiVersion: string;
  kind: string;
  /** As the base names it: Kustomize matches a patch to a resource by its name before the overlay's prefix or suffix. */
  name: string;
  namespace?: string;
}

/** What a patch of `rendered` names: its base's name and namespace (Kustomize matches a patch by the base's id, before the overlay's prefix, suffix or namespace). */
export function patchTarget(rendered: Resource, base: Resource): PatchTarget {
  return { apiVersion: rendered.apiVersion, kind: rendered.kind, name: base.name, ...(base.namespace ? { namespace: base.namespace } : {}) };
}

export interface OverlayPatchRequest {
  changes: readonly Change[];
  target: PatchTarget;
  ruleId: string;
  /** The overlay's kustomization file (its key) and its text, parsed. */
  kustomization: { file: string; parsed: ParsedFile };
  /** The client can create files; else the patch goes inline into the kustomization. */
  canCreate: boolean;
  exists(file: string): boolean;
  /** The first line of the patch file: where it comes from. */
  comment?: string;
  /** The overlay's own strategic-merge patch files; one that targets the resource gets the fix, where the overlay did not change the values itself. */
  patches?: readonly OwnPatch[];
  overlayChanged?: boolean;
}

export interface OverlayPatchFix {
  /** The new patch file and its text, when one is created. */
  create?: { file: string; text: string };
  /** The patch's file name (or `inline`). */
  name: string;
  /** The entry that lists a new patch (or holds it inline). */
  kustomizationEdit?: Edit;
  /** The edits of an existing patch of the overlay, when it gets the fix. */
  existing?: { file: string; edits: Edit[] };
}

/** The patch file (or inline patch) that makes the changes in this overlay only, and the edit that lists it. */
export function overlayPatchFix(request: OverlayPatchRequest): OverlayPatchFix | undefined {
  const patch = patchOf(request.changes, request.target);
  if (!patch) return undefined;
  const existing = request.overlayChanged === false ? existingPatchFix(request.changes, request.target, request.patches ?? []) : undefined;
  if (existing) return { name: existing.file.slice(Math.max(existing.file.lastIndexOf('/'), existing.file.lastIndexOf('\\')) + 1), existing };
  const { file, parsed } = request.kustomization;
  if (!request.canCreate) {
    const { kind, name, namespace } = request.target;
    const entry: PatchEntry = { patch: patchText(patch), target: namespace ? { kind, name, namespace } : { kind, name } };
    const edit = addPatchEntry(parsed, entry);
    return edit && { name: 'inline', kustomizationEdit: edit };
  }
  const dir = file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const stem = `${request.target.kind}-${request.target.name}-${request.ruleId}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  const name = [stem, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${stem}-${n}`)].map((s) => `${s}.patch.yaml`).find((n) => !request.exists(dir + n));
  const edit = name && addPatchEntry(parsed, { path: name });
  return edit ? { create: { file: dir + name, text: patchText(patch, request.comment) }, name, kustomizationEdit: edit } : undefined;
}
