// Removing entries and items from YAML source: whole lines in block style, the item and one comma
// in flow style, and an emptied collection that must stay becomes `{}` or `[]`. Comments on removed
// lines stay, each on a line of its own where the removed text began.

import { isMap, isScalar, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { commentsOf, keptComments } from './comments';
import { afterLine, EditTarget, endOf, pairEnd } from './edits';
import { Edit } from './rule';
import { columnOf, eolOf, lineStartOf, onlyWhitespaceBefore } from './text';
import { deref, PathSegment } from './yaml-ast';

/**
 * Removes the map entry or sequence item at `path` below `root`. When that leaves its collection
 * empty, the collection's own entry goes too, up to (not including) the first `keep` segments.
 */
export function removeIn(target: EditTarget, root: YAMLMap, path: readonly PathSegment[], keep = 0): Edit[] {
  const chain: Array<{ collection: YAMLMap | YAMLSeq; index: number }> = [];
  let node: unknown = root;
  for (const segment of path) {
    const current = deref(target.doc, node);
    if (typeof segment === 'number' && isSeq(current) && segment < current.items.length) {
      chain.push({ collection: current, index: segment });
      node = current.items[segment];
    } else if (typeof segment === 'string' && isMap(current)) {
      const index = current.items.findIndex((p) => isScalar(p.key) && p.key.value === segment);
      if (index < 0) return [];
      chain.push({ collection: current, index });
      node = current.items[index].value;
    } else {
      return [];
    }
  }
  // Climb while the entry to remove is the only one of its collection.
  let depth = chain.length - 1;
  while (depth > keep && chain[depth].collection.items.length === 1) depth--;
  const { collection, index } = chain[depth];
  if (collection.items.length === 1) return [emptyCollection(target, collection)];
  return [removeItem(target, collection, index)];
}

/** Removes the items of a sequence at `indexes` (at least one item must remain). */
export function removeSequenceItems(target: EditTarget, seq: YAMLSeq, indexes: readonly number[]): Edit[] {
  const drop = new Set(indexes);
  if (seq.flow && !keptComments(target.text, seq.range![0], seq.range![1], 0, '\n')) {
    // Neighbouring removals in `[a, b, c]` would share commas: rewrite the list from the kept items' own text.
    const kept = seq.items
      .filter((_, i) => !drop.has(i))
      .map((item) => {
        const range = (item as Node).range!;
        return target.text.slice(range[0], range[1]);
      });
    const [start, end] = seq.range!;
    return [{ offset: start, length: end - start, text: `[${kept.join(', ')}]` }];
  }
  if (seq.flow) return [...drop].map((i) => removeFlowItem(target.text, seq.items as Node[], i, drop));
  return [...drop].map((i) => removeItem(target, seq, i));
}

function itemStart(item: Node | Pair): number {
  return 'key' in item && !('range' in item && item.range) ? (item.key as Node).range![0] : (item as Node).range![0];
}

function itemEnd(item: Node | Pair): number {
  return 'key' in item && !('range' in item && item.range) ? pairEnd(item as Pair) : endOf(item as Node);
}

function removeItem(target: EditTarget, collection: YAMLMap | YAMLSeq, index: number): Edit {
  const text = target.text;
  const items = collection.items as Array<Node | Pair>;
  const item = items[index];
  const start = itemStart(item);
  const end = itemEnd(item);
  if (collection.flow) return removeFlowItem(text, items, index, new Set([index]));
  if (isSeq(collection)) {
    // A block sequence item: remove its lines, dash included.
    const dash = text.lastIndexOf('-', start);
    const at = dash >= 0 && onlyWhitespaceBefore(text, dash) ? dash : start;
    return removeLines(text, lineStartOf(text, at), afterLine(text, end), columnOf(text, at));
  }
  if (onlyWhitespaceBefore(text, start)) return removeLines(text, lineStartOf(text, start), afterLine(text, end), columnOf(text, start));
  // The first entry of a sequence item (`- hostPort: 80`): the next entry moves up behind the dash.
  const nextStart = itemStart(items[index + 1]);
  const comments = keptComments(text, start, nextStart, columnOf(text, text.lastIndexOf('-', start)), eolOf(text));
  if (!comments) return { offset: start, length: nextStart - start, text: '' };
  // Its comments go on lines of their own above the item, whose dash line then starts with the next entry.
  const lineStart = lineStartOf(text, start);
  return { offset: lineStart, length: nextStart - lineStart, text: comments + text.slice(lineStart, start) };
}

/** Removes whole lines, leaving their comments at `column`. */
function removeLines(text: string, from: number, to: number, column: number): Edit {
  return { offset: from, length: to - from, text: keptComments(text, from, to, column, eolOf(text)) };
}

/** Removes an item of `[a, b]` or `{a: 1, b: 2}` with one of its commas; `drop` holds every item going. */
function removeFlowItem(text: string, items: Array<Node | Pair>, index: number, drop: ReadonlySet<number>): Edit {
  const start = itemStart(items[index]);
  const end = itemEnd(items[index]);
  const [from, to] = index > 0 ? [itemEnd(items[index - 1]), end] : [start, itemStart(items[index + 1])];
  if (drop.size === 1 && !keptComments(text, from, to, 0, '\n')) return { offset: from, length: to - from, text: '' };
  // Comments between the items stay where they are: only the item and the comma that follows (or,
  // for the last item, precedes) it go.
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (text[after] === ',') return { offset: start, length: after + 1 - start, text: '' };
  // The comma before the last item is the previous item's own when that one goes too.
  let before = start;
  while (text[before - 1] === ' ' || text[before - 1] === '\t') before--;
  if (text[before - 1] === ',' && !drop.has(index - 1)) return { offset: before - 1, length: end - before + 1, text: '' };
  return { offset: start, length: end - start, text: '' };
}

/** Empties a collection that must itself stay (`{}` or `[]`). */
function emptyCollection(target: EditTarget, collection: YAMLMap | YAMLSeq): Edit {
  const text = target.text;
  const empty = isSeq(collection) ? '[]' : '{}';
  const eol = eolOf(text);
  const [start, collectionEnd] = collection.range!;
  const items = collection.items as Array<Node | Pair>;
  if (collection.flow) {
    const comments = keptComments(text, start, collectionEnd, columnOf(text, itemStart(items[0])), eol);
    if (!comments) return { offset: start, length: collectionEnd - start, text: empty };
    // A comment in a flow collection needs a line break after it: keep the brackets on their own lines.
    const indent = /^[ \t]*/.exec(text.slice(lineStartOf(text, start)))![0];
    return { offset: start, length: collectionEnd - start, text: empty[0] + eol + comments + indent + empty[1] };
  }
  const first = isSeq(collection) ? start : itemStart(items[0]);
  const end = afterLine(text, itemEnd(items[items.length - 1]));
  const comments = keptComments(text, first, end, columnOf(text, first), eol);
  if (onlyWhitespaceBefore(text, first) && lineStartOf(text, first) > 0) {
    // `key:\n  a: 1\n` → `key: {}\n`: the collection started on its own line below its key.
    const keyLineEnd = lineStartOf(text, first) - (text[lineStartOf(text, first) - 2] === '\r' ? 2 : 1);
    // `key:  # note` takes its `{}` before the note, or the note would swallow it.
    const note = commentsOf(text).find((c) => c.offset >= lineStartOf(text, keyLineEnd) && c.offset < keyLineEnd);
    const at = note ? note.offset - /[ \t]*$/.exec(text.slice(lineStartOf(text, note.offset), note.offset))![0].length : keyLineEnd;
    return { offset: at, length: end - at, text: ` ${empty}${note ? ` ${note.source.trimEnd()}` : ''}${eol}${comments}` };
  }
  return { offset: first, length: end - first, text: empty + eol + comments };
}
