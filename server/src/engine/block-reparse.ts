// Re-parsing one block mapping of a YAML document after an edit inside it, instead of the whole
// document: a keystroke in the middle of a 23,000-line CRD would otherwise cost a full parse. The
// result must equal a fresh parse of the document, so every condition under which the mapping's
// lines could parse differently in their context than alone makes it decline (the caller then
// parses the whole document).

import { Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, Node, parseAllDocuments, YAMLMap } from 'yaml';
import { forgetRanges, tooDeep, yamlOptions } from './parse';
import { addStructureErrors } from './yaml-checks';
import { fastDocument } from './yaml-fast';

/** What changed between two texts: `[start, oldEnd)` of the old text became `[start, start + inserted)`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  inserted: number;
}

/**
 * The one span where two texts differ (their common prefix and suffix left out). Compared a block
 * at a time with native string equality, then character by character inside the first block that
 * differs: a character loop over a whole megabyte costs more than the rest of a keystroke.
 */
export function changeBetween(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  const block = 16384;
  let start = 0;
  while (start + block <= max && before.slice(start, start + block) === after.slice(start, start + block)) start += block;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  const room = max - start;
  let tail = 0;
  while (tail + block <= room && before.slice(before.length - tail - block, before.length - tail) === after.slice(after.length - tail - block, after.length - tail)) tail += block;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, inserted: after.length - tail - start };
}

/** A block mapping on the path to the edit, with where it hangs in its parent. */
interface Candidate {
  map: YAMLMap;
  replace: (node: YAMLMap) => void;
}

/** Above this share of the document, re-parsing a mapping alone saves too little to be worth the checks. */
const maxShare = 0.5;

/**
 * Updates `doc` (parsed from `before`, its offsets `base` more than offsets into `before`) to the
 * document of `after`, placed at `newBase`, by re-parsing only the innermost block mapping around
 * the change. Returns false, leaving `doc` untouched, when that cannot be shown to give what a
 * fresh parse of `after` gives: the caller must then parse `after` itself.
 */
export function reparseBlock(doc: Document.Parsed, before: string, after: string, base: number, newBase: number): boolean {
  // Only a clean document's structure can be trusted around the change; only a clean result is
  // known to be the same alone as in context (an unclosed quote or bracket would run on past it).
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isNode(doc.contents)) return false;
  const change = changeBetween(before, after);
  const delta = change.inserted - (change.oldEnd - change.start);
  if (change.start === change.oldEnd && change.inserted === 0) return false;
  // The parser's own limits, judged on the whole document as a fresh parse does. The old text was
  // within them; brackets nest across lines, so only a change of brackets needs the whole text again.
  if (after.includes('\0')) return false;
  const brackets = /[[\]{}]/;
  if ((brackets.test(before.slice(change.start, change.oldEnd)) || brackets.test(after.slice(change.start, change.start + change.inserted))) && tooDeep(after)) return false;
  const candidates = path(doc.contents, change.start + base, change.oldEnd + base);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const { map, replace } = candidates[i];
    const [start, end] = [map.range![0] - base, map.range![1] - base];
    if (end - start > before.length * maxShare) return false;
    const fresh = reparseMap(map, before, after, start, end, change, delta);
    if (fresh === undefined) continue;
    // Offsets after the change move by `delta`, and the whole document by the chunk's move.
    move(doc, base, change.oldEnd, delta, newBase);
    shiftNode(fresh, newBase);
    replace(fresh);
    forgetRanges(doc);
    return true;
  }
  return false;
}

/** The block mappings (not the root) whose values contain the changed span, outermost first. */
function path(root: Node, from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  let node: unknown = root;
  while (isMap(node) || isSeq(node)) {
    let next: unknown;
    let replace: ((n: YAMLMap) => void) | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        const value = pair.value;
        if (isNode(value) && value.range && value.range[0] < from && to <= value.range[1]) {
          next = value;
          replace = (n) => (pair.value = n);
          break;
        }
      }
    } else {
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (isNode(item) && item.range && item.range[0] < from && to <= item.range[1]) {
          next = item;
          replace = (n) => (items[i] = n);
          break;
        }
      }
    }
    if (!next) break;
    if (isMap(next) && !next.flow && replace) out.push({ map: next, replace });
    node = next;
  }
  return out;
}

const indentOf = (text: string, lineStart: number): number => {
  let i = lineStart;
  while (text.charCodeAt(i) === 32) i++;
  return i - lineStart;
};

/**
 * The mapping at `[start, end)` of `before`, parsed alone from `after`; undefined when its lines
 * could mean something else in context, or the result is not clean.
 */
function reparseMap(old: YAMLMap, before: string, after: string, start: number, end: number, change: TextChange, delta: number): YAMLMap | undefined {
  // The change must not touch the first key's column, nor the line break the mapping ends with.
  if (change.start <= start || change.oldEnd >= end || before.charCodeAt(end - 1) !== 10) return undefined;
  const lineStart = before.lastIndexOf('\n', start - 1) + 1;
  const column = start - lineStart;
  // Before the first key only indentation and sequence dashes (`- - key:`), which become spaces.
  if (!/^(?:[ ]|-(?= ))*$/.test(before.slice(lineStart, start))) return undefined;
  // The mapping's lines are those up to the first line indented less than its keys; a comment line
  // there could be followed by more of its entries, so a mapping that ends at one is not re-parsed.
  const next = nextLessIndented(after, start, column);
  if (next !== end + delta) return undefined;
  if (next < after.length && after.charCodeAt(next + indentOf(after, next)) === 35) return undefined;
  if (hasAnchorsOrAliases(old)) return undefined;
  const body = after.slice(start, next);
  // Its indentation, the other half of the nesting limit, is judged line by line.
  if (tooDeep(body)) return undefined;
  // Comments, tabs, template lines and merge keys are where standalone parsing is least obviously the
  // same as in context (comments attach to neighbours; tabs and templates are judged per file).
  if (/(?:^|[ \t])#|\t|^[ \t]*(?:-[ \t]+)?\{\{|<</m.test(body)) return undefined;
  const source = ' '.repeat(column) + body;
  const fast = fastDocument(source, yamlOptions);
  const [parsed, ...rest] = fast ? [fast.doc] : (parseAllDocuments(source, yamlOptions) as Document.Parsed[]);
  if (!parsed || rest.length > 0 || parsed.errors.length > 0 || parsed.warnings.length > 0) return undefined;
  addStructureErrors(parsed, fast?.shape);
  const map = parsed.contents;
  if (parsed.errors.length > 0 || !isMap(map) || map.flow || !map.range || hasAnchorsOrAliases(map)) return undefined;
  if (map.items.some((pair) => isScalar(pair.key) && pair.key.value === '<<')) return undefined;
  // Alone, the mapping must span exactly the lines it spans in context.
  shiftNode(map, start - column);
  if (map.range![0] !== start || map.range![1] !== end + delta || map.range![2] !== old.range![2] - old.range![1] + end + delta) return undefined;
  return map;
}

/** The start of the first line after `from`'s line that is not blank and indented less than `column` (or the text's end). */
function nextLessIndented(text: string, from: number, column: number): number {
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl + 1 < text.length; nl = text.indexOf('\n', nl + 1)) {
    const line = nl + 1;
    const indent = indentOf(text, line);
    const c = text.charCodeAt(line + indent);
    const blank = c === 10 || c === 13 || Number.isNaN(c);
    if (!blank && indent < column) return line;
  }
  return text.length;
}

function hasAnchorsOrAliases(root: Node): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (isAlias(node)) {
      return true;
    } else if (isNode(node)) {
      if (node.anchor) return true;
      if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
    }
  }
  return false;
}

type Range = [number, number, number];

/** Moves every offset of a parsed node by `delta`. */
function shiftNode(root: Node, delta: number): void {
  walk(root, (r) => {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  });
}

/**
 * Maps the document's offsets from the old text to the new: relative to `base`, those at or after
 * `oldEnd` move by `delta`; then everything moves to `newBase`. Subtrees that end before the change
 * are skipped when the document itself does not move.
 */
function move(doc: Document.Parsed, base: number, oldEnd: number, delta: number, newBase: number): void {
  const map = (x: number) => {
    const rel = x - base;
    return (rel >= oldEnd ? rel + delta : rel) + newBase;
  };
  const moveRange = (r: Range) => {
    r[0] = map(r[0]);
    r[1] = map(r[1]);
    r[2] = map(r[2]);
  };
  const skip = newBase === base ? (r: Range) => r[2] - base < oldEnd && r[1] - base < oldEnd : () => false;
  moveRange(doc.range);
  walk(doc.contents as Node, moveRange, skip);
}

function walk(root: Node, visit: (r: Range) => void, skip: (r: Range) => boolean = () => false): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (!isNode(node) || !node.range) continue;
    const r = node.range as Range;
    if (skip(r)) continue;
    visit(r);
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
  }
}
