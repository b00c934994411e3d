// Minimal text edits on YAML source. Each helper inserts or replaces exactly the text it must,
// with the indentation of the neighbours and in the block or flow style of the surroundings, so
// comments, quoting, key order and the other documents of the file stay byte-identical. Removals
// are in removals.ts.

import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { Edit } from './rule';
import { columnOf, eolOf, nextLineStart, onlyWhitespaceBefore } from './text';
import { asMap, deref, pairOf } from './yaml-ast';

export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** The source text and the parsed document an edit is computed against. */
export interface EditTarget {
  text: string;
  doc: Document;
}

/** Applies non-overlapping edits in one pass over the text (insertions at one offset in the order given). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = edits.map((edit, i) => ({ edit, i })).sort((a, b) => a.edit.offset - b.edit.offset || a.edit.length - b.edit.length || b.i - a.i);
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.offset < at) throw new Error('overlapping edits');
    parts.push(text.slice(at, edit.offset), edit.text);
    at = edit.offset + edit.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Style of the document: indentation unit and whether block sequences are indented under keys.

interface Style {
  unit: number;
  /** Extra indentation of a block sequence's dash relative to its key (0 as kubectl writes, or the unit). */
  seqOffset: number;
  eol: string;
}

const styles = new WeakMap<Document, { text: string; style: Style }>();

/** The style of a document, computed once per text: a fix-all round asks for it once per fix. */
function styleOf(target: EditTarget): Style {
  const cached = styles.get(target.doc);
  if (cached && cached.text === target.text) return cached.style;
  const style = computeStyle(target);
  styles.set(target.doc, { text: target.text, style });
  return style;
}

function computeStyle(target: EditTarget): Style {
  // The most common step wins, so one odd block (the seed article's one-space `metadata`) does not
  // set the style of everything inserted elsewhere; ties go to two spaces, the Kubernetes convention.
  const units = new Map<number, number>();
  const offsets = new Map<number, number>();
  const count = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
  let visited = 0;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 40 || visited++ > 2000) return;
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (!key?.range || !value?.range) continue;
        const keyColumn = columnOf(target.text, key.range[0]);
        if (isMap(value) && !value.flow && value.items.length && (value.items[0].key as Node)?.range) {
          const childColumn = columnOf(target.text, (value.items[0].key as Node).range![0]);
          if (childColumn > keyColumn) count(units, childColumn - keyColumn);
        }
        if (isSeq(value) && !value.flow && value.items.length) count(offsets, Math.max(0, columnOf(target.text, value.range![0]) - keyColumn));
        visit(value, depth + 1);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(target.doc.contents, 0);
  return { unit: mostCommon(units, 2), seqOffset: mostCommon(offsets, 0), eol: eolOf(target.text) };
}

function mostCommon(counts: Map<number, number>, preferred: number): number {
  let best = preferred;
  let bestCount = counts.get(preferred) ?? 0;
  for (const [value, n] of counts) if (n > bestCount) [best, bestCount] = [value, n];
  return best;
}

// ---------------------------------------------------------------------------------------------
// Rendering new YAML text.

const reserved = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan)|[-+]?[0-9][0-9_.:eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+)$/i;

export function scalarText(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (value !== '' && /^[A-Za-z0-9_/][A-Za-z0-9_./ -]*$/.test(value) && !/ $/.test(value) && !reserved.test(value)) return value;
  return JSON.stringify(value);
}

function isCollection(value: YamlValue): value is readonly YamlValue[] | { readonly [key: string]: YamlValue } {
  return typeof value === 'object';
}

function flowText(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  if (isCollection(value)) {
    return `{${Object.entries(value as Record<string, YamlValue>)
      .map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`)
      .join(', ')}}`;
  }
  return scalarText(value as string | number | boolean);
}

/** Lines of `key: value` at `column`, without a trailing line break. */
function blockPair(key: string, value: YamlValue, column: number, style: Style): string {
  const pad = ' '.repeat(column);
  return pad + scalarText(key) + ':' + blockValue(value, column, style);
}

/** The text after a key's colon: ` scalar`, or a line break and a nested block. */
function blockValue(value: YamlValue, column: number, style: Style): string {
  if (!isCollection(value)) return ' ' + scalarText(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    const dash = ' '.repeat(column + style.seqOffset) + '- ';
    return value.map((item) => style.eol + dash + (isCollection(item) ? flowText(item) : scalarText(item))).join('');
  }
  const entries = Object.entries(value as Record<string, YamlValue>);
  if (entries.length === 0) return ' {}';
  return entries.map(([k, v]) => style.eol + blockPair(k, v, column + style.unit, style)).join('');
}

function nest(path: readonly string[], value: YamlValue): YamlValue {
  return path.reduceRight<YamlValue>((inner, key) => ({ [key]: inner }), value);
}

// ---------------------------------------------------------------------------------------------
// Positions inside the source.

export function endOf(node: Node | null | undefined): number {
  return node?.range ? node.range[1] : 0;
}

export function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range && value.range[1] > value.range[0] ? value.range[1] : endOf(pair.key as Node);
}

/** The offset just after the line on which the text ending at `end` ends. */
export function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  return nextLineStart(text, end);
}

/** Inserts whole lines after the line ending at `end`, adding a final line break where the file lacks one. */
function insertLines(text: string, end: number, lines: string, eol: string): Edit {
  const at = afterLine(text, end);
  const needsBreak = at === text.length && text.length > 0 && text[text.length - 1] !== '\n';
  return { offset: at, length: 0, text: (needsBreak ? eol : '') + lines + eol };
}

function isNullNode(node: Node | null | undefined): boolean {
  return node == null || (isScalar(node) && node.value === null);
}

// ---------------------------------------------------------------------------------------------
// The helpers fixes are built from.

/** Replaces a scalar's text, keeping its quoting style when the new value is a string. */
export function replaceScalar(node: Scalar, value: string | number | boolean): Edit[] {
  if (node.value === value) return [];
  const [start, end] = node.range!;
  let text = scalarText(value);
  if (typeof value === 'string' && node.type === 'QUOTE_DOUBLE') text = JSON.stringify(value);
  if (typeof value === 'string' && node.type === 'QUOTE_SINGLE') text = `'${value.replace(/'/g, "''")}'`;
  return [{ offset: start, length: end - start, text }];
}

/**
 * Sets the value at `path` below the map `root`, creating the missing maps on the way.
 * An existing scalar is replaced; an existing collection at the end of the path is left alone.
 */
export function setIn(target: EditTarget, root: YAMLMap, path: readonly string[], value: YamlValue): Edit[] {
  const style = styleOf(target);
  let map: YAMLMap = root;
  for (let i = 0; i < path.length; i++) {
    // A key merged in with `<<: *anchor` is edited where it is defined: adding the key here instead
    // would shadow the whole merged map and silently drop the settings it carries.
    const pair = pairOf(map, path[i], target.doc);
    const rest = path.slice(i + 1);
    if (!pair) return [insertPair(target, map, path[i], nest(rest, value), style)];
    const current = deref(target.doc, pair.value);
    if (rest.length === 0) {
      if (isScalar(current) && current.value !== null && !isCollection(value)) return replaceScalar(current, value as string | number | boolean);
      if (isNullNode(current)) return fillNull(target, pair, value, style);
      if (isScalar(current)) return [{ offset: current.range![0], length: current.range![1] - current.range![0], text: flowText(value) }];
      return [];
    }
    if (isMap(current)) {
      map = current;
      continue;
    }
    if (isNullNode(current)) return fillNull(target, pair, nest(rest, value), style);
    // A scalar stands where a map must be (e.g. `securityContext: ""`): replace it with the map.
    if (isScalar(current)) return [{ offset: current.range![0], length: current.range![1] - current.range![0], text: flowText(nest(rest, value)) }];
    return [];
  }
  return [];
}

/** Gives a key with no value (`securityContext:`) the value `value`. */
function fillNull(target: EditTarget, pair: Pair, value: YamlValue, style: Style): Edit[] {
  const key = pair.key as Node;
  const node = pair.value as Scalar | null;
  if (node?.range && node.range[1] > node.range[0]) {
    // An explicit `~` or `null`: put a flow collection in its place.
    return [{ offset: node.range[0], length: node.range[1] - node.range[0], text: flowText(value) }];
  }
  const column = columnOf(target.text, key.range![0]);
  const lineEnd = nextLineStart(target.text, key.range![1]);
  const at = target.text[lineEnd - 1] === '\n' ? lineEnd - (target.text[lineEnd - 2] === '\r' ? 2 : 1) : lineEnd;
  if (!isCollection(value)) return [{ offset: endOf(key) + 1, length: 0, text: ' ' + scalarText(value) }];
  return [{ offset: at, length: 0, text: blockValue(value, column, style) }];
}

function insertPair(target: EditTarget, map: YAMLMap, key: string, value: YamlValue, style: Style): Edit {
  if (map.flow) {
    // Written like the neighbours: JSON-style quoting when their keys are double-quoted, and on a
    // line of its own when they each stand on one.
    const json = isScalar(map.items[0]?.key) && (map.items[0].key as Scalar).type === 'QUOTE_DOUBLE';
    const text = json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${scalarText(key)}: ${flowText(value)}`;
    if (map.items.length === 0) return { offset: map.range![0] + 1, length: 0, text };
    const last = map.items[map.items.length - 1];
    const lastKey = (last.key as Node).range![0];
    if (!onlyWhitespaceBefore(target.text, lastKey)) return { offset: pairEnd(last), length: 0, text: `, ${text}` };
    return { offset: pairEnd(last), length: 0, text: `,${style.eol}${' '.repeat(columnOf(target.text, lastKey))}${text}` };
  }
  if (map.items.length === 0) {
    // An empty block map cannot exist in YAML; guard against a malformed tree.
    return { offset: map.range![0], length: 0, text: flowText(nest([key], value)) };
  }
  const column = columnOf(target.text, (map.items[0].key as Node).range![0]);
  const last = map.items[map.items.length - 1];
  return insertLines(target.text, pairEnd(last), blockPair(key, value, column, style), style.eol);
}

/** Appends items to the sequence at `path` below `root`, creating it when missing; a map item is written in flow style. */
export function appendToSequence(target: EditTarget, root: YAMLMap, path: readonly string[], items: readonly YamlValue[]): Edit[] {
  const style = styleOf(target);
  const parent = asMap(deref(target.doc, path.length > 1 ? root.getIn(path.slice(0, -1), true) : root));
  const pair = parent ? pairOf(parent, path[path.length - 1]) : undefined;
  const seq = pair ? deref(target.doc, pair.value) : undefined;
  if (!pair || !isSeq(seq)) {
    if (pair && !isNullNode(seq as Node)) return [];
    return setIn(target, root, path, items);
  }
  if (seq.flow) {
    const quoted = isScalar(seq.items[0]) && (seq.items[0] as Scalar).type === 'QUOTE_DOUBLE';
    const text = items.map((item) => (quoted && typeof item === 'string' ? JSON.stringify(item) : flowText(item))).join(', ');
    if (seq.items.length === 0) return [{ offset: seq.range![0] + 1, length: 0, text }];
    return [{ offset: endOf(seq.items[seq.items.length - 1] as Node), length: 0, text: `, ${text}` }];
  }
  const dash = ' '.repeat(columnOf(target.text, seq.range![0])) + '- ';
  const quoted = isScalar(seq.items[0]) && (seq.items[0] as Scalar).type === 'QUOTE_DOUBLE';
  const lines = items.map((item) => dash + (quoted && typeof item === 'string' ? JSON.stringify(item) : flowText(item))).join(style.eol);
  return [insertLines(target.text, endOf(seq.items[seq.items.length - 1] as Node), lines, style.eol)];
}

/**
 * Replaces a whole `key: value` entry of a map with another key and value, at the entry's place and
 * in its map's style: a flow map gets flow text, a block map nested lines at the key's column.
 */
export function replaceEntry(target: EditTarget, pair: Pair, flow: boolean, key: string, value: YamlValue): Edit[] {
  const start = (pair.key as Node).range![0];
  let end = pairEnd(pair);
  // A block scalar's range takes its final line break; the break belongs to the line, keep it.
  while (end > start && (target.text[end - 1] === '\n' || target.text[end - 1] === '\r')) end--;
  if (flow) return [{ offset: start, length: end - start, text: `${scalarText(key)}: ${flowText(value)}` }];
  const column = columnOf(target.text, start);
  return [{ offset: start, length: end - start, text: blockPair(key, value, column, styleOf(target)).slice(column) }];
}

/**
 * The edit that appends `document` (text ending with a line break, `\n` endings) as a new YAML
 * document at the end of `text`: a line break when the last line has none, then `---`.
 */
export function appendDocument(text: string, document: string): Edit[] {
  const eol = eolOf(text);
  const body = document.replace(/\r?\n/g, eol);
  let prefix = '';
  if (text.length > 0 && !/\n$/.test(text)) prefix += eol;
  // A file that already ends with an empty `---` document gets no second marker.
  const endsWithMarker = /(^|\n)---[ \t]*\r?\n?[\s]*$/.test(text) && text.trim().length > 0;
  if (text.trim().length > 0 && !endsWithMarker) prefix += `---${eol}`;
  return [{ offset: text.length, length: 0, text: prefix + body }];
}

/**
 * Inserts `document` as a new YAML document right after the one that ends at `end` (the end of its
 * range, comments included), so that what it adds is seen beside what it is about; at the end of the
 * file this is appendDocument.
 */
export function insertDocumentAfter(text: string, end: number, document: string): Edit[] {
  const rest = text.slice(end);
  const next = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*?---(?=[ \t\r\n]|$)/.exec(rest);
  if (end >= text.length || !next || text.slice(end).trim() === '') return appendDocument(text, document);
  const eol = eolOf(text);
  const at = end + next[0].length - 3;
  const prefix = at > 0 && text[at - 1] !== '\n' ? eol : '';
  return [{ offset: at, length: 0, text: `${prefix}---${eol}${document.replace(/\r?\n/g, eol)}` }];
}
