// Text for the layout fixes of an overlay: a strategic-merge patch written as YAML, and the entry
// that lists it in the overlay's kustomization (`patches: - path: …`, or the patch inline with a
// `target` when no file can be created), appended to the `patches` list as its neighbours are
// written, or as a new `patches` key at the end. Nothing else in the kustomization changes.

import { asMap, columnOf, deref, Edit, eolOf, isScalar, isSeq, Node, nextLineStart, pairOf, ParsedFile, scalarText } from '../../server/src/engine';

/** A value as a patch holds it: `null` deletes the key in a strategic merge. */
export type PatchValue = string | number | boolean | null | PatchValue[] | { [key: string]: PatchValue };

const isObject = (v: PatchValue): v is { [key: string]: PatchValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(value: PatchValue): string {
  return value === null ? 'null' : scalarText(value as string | number | boolean);
}

/** `value` as block YAML lines at `column` (maps and lists of maps nested, lists of scalars in flow style). */
export function yamlLines(value: { [key: string]: PatchValue }, column = 0): string[] {
  const pad = ' '.repeat(column);
  const out: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (isObject(item) && Object.keys(item).length > 0) {
      out.push(`${pad}${scalarText(key)}:`, ...yamlLines(item, column + 2));
    } else if (Array.isArray(item) && item.length > 0 && item.every(isObject)) {
      out.push(`${pad}${scalarText(key)}:`);
      for (const entry of item as Array<{ [key: string]: PatchValue }>) {
        const lines = yamlLines(entry, column + 4);
        out.push(`${pad}  - ${lines[0].trimStart()}`, ...lines.slice(1));
      }
    } else {
      out.push(`${pad}${scalarText(key)}: ${flow(item)}`);
    }
  }
  return out;
}

function flow(value: PatchValue): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (isObject(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${scalarText(k)}: ${flow(v)}`)
      .join(', ')}}`;
  return scalar(value);
}

/** What an overlay's kustomization gets: a patch file by path, or the patch's text inline with its target. */
export type PatchEntry = { path: string } | { patch: string; target: { kind: string; name: string; namespace?: string } };

/** The lines of one `patches` item, its dash at `column`. */
function entryLines(entry: PatchEntry, column: number): string[] {
  const pad = ' '.repeat(column);
  if ('path' in entry) return [`${pad}- path: ${scalarText(entry.path)}`];
  const body = entry.patch.replace(/\n$/, '').split('\n');
  const target = Object.entries(entry.target).map(([k, v]) => `${pad}    ${k}: ${scalarText(v)}`);
  return [`${pad}- patch: |-`, ...body.map((l) => (l === '' ? '' : `${pad}    ${l}`)), `${pad}  target:`, ...target];
}

function flowEntry(entry: PatchEntry): string {
  return 'path' in entry ? `{path: ${scalarText(entry.path)}}` : JSON.stringify(entry);
}

/**
 * The edit that lists `entry` last in the kustomization's `patches` (after the patches already there:
 * Kustomize applies them in order, so the fix wins over an earlier patch that caused the finding).
 * Undefined when the kustomization does not parse or `patches` is not a list.
 */
export function addPatchEntry(kustomization: ParsedFile, entry: PatchEntry): Edit | undefined {
  const { text } = kustomization;
  const document = kustomization.documents.find((d) => asMap(deref(d.doc, d.doc.contents)));
  const root = document && !document.hasErrors ? asMap(deref(document.doc, document.doc.contents)) : undefined;
  if (!document || !root || root.flow || root.items.length === 0) return undefined;
  const eol = eolOf(text);
  const pair = pairOf(root, 'patches', document.doc);
  const value = pair ? deref(document.doc, pair.value) : undefined;
  const lines = (column: number) => entryLines(entry, column).join(eol);
  if (pair && isSeq(value) && value.flow) {
    const last = value.items[value.items.length - 1] as Node | undefined;
    if (!last) return { offset: value.range![0] + 1, length: 0, text: flowEntry(entry) };
    return { offset: last.range![1], length: 0, text: `, ${flowEntry(entry)}` };
  }
  if (pair && isSeq(value) && value.items.length > 0) {
    const last = value.items[value.items.length - 1] as Node;
    return insertAfterLine(text, last.range![1], lines(columnOf(text, value.range![0])), eol);
  }
  const keyColumn = columnOf(text, (root.items[0].key as Node).range![0]);
  const column = keyColumn + sequenceOffset(text, root.items);
  if (pair) {
    // `patches:` with nothing after it (or `~`): the list goes in its place.
    if (value && !(isScalar(value) && value.value === null)) return undefined;
    const key = pair.key as Node;
    const end = value?.range && value.range[1] > value.range[0] ? value.range[1] : key.range![1] + 1;
    return { offset: key.range![1] + 1, length: Math.max(0, end - key.range![1] - 1), text: eol + lines(column) };
  }
  const last = root.items[root.items.length - 1];
  const end = Math.max((last.value as Node | null)?.range?.[1] ?? 0, (last.key as Node).range![1]);
  return insertAfterLine(text, end, `${' '.repeat(keyColumn)}patches:${eol}${lines(column)}`, eol);
}

/** How far the kustomization indents a block list's dash under its key (`resources:` then `  - base`), 2 when it has none. */
function sequenceOffset(text: string, pairs: ReadonlyArray<{ key: unknown; value: unknown }>): number {
  for (const { key, value } of pairs) {
    if (isSeq(value) && !value.flow && value.range && (key as Node | null)?.range) return Math.max(0, columnOf(text, value.range[0]) - columnOf(text, (key as Node).range![0]));
  }
  return 2;
}

function insertAfterLine(text: string, end: number, lines: string, eol: string): Edit {
  const at = end > 0 && text[end - 1] === '\n' ? end : nextLineStart(text, end);
  const needsBreak = at === text.length && text.length > 0 && !text.endsWith('\n');
  return { offset: at, length: 0, text: (needsBreak ? eol : '') + lines + eol };
}

/** The text of a patch file (or inline patch): a comment saying where it comes from, then the patch. */
export function patchText(patch: { [key: string]: PatchValue }, comment?: string): string {
  return [...(comment ? [`# ${comment}`] : []), ...yamlLines(patch)].join('\n') + '\n';
}
