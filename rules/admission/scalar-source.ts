// Where each character of a YAML string scalar's value stands in the source: plain and quoted
// scalars (line folding, escapes, `''`) and block scalars (literal and folded, with their chomping).
// Each decoder rebuilds the value from the source and is trusted only when it rebuilds it exactly;
// otherwise the caller falls back to the whole scalar.

import type { Scalar } from '../../server/src/engine';

/** Source offsets of the value's characters, plus one for its end; undefined when not exactly known. */
export type SourceMap = number[];

interface Out {
  chars: string[];
  at: number[];
}

const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const hexLength: Record<string, number> = { x: 2, u: 4, U: 8 };

function push(out: Out, text: string, at: number): void {
  for (const c of text) for (let i = 0; i < c.length; i++) (out.chars.push(c[i]), out.at.push(at));
}

/** A line break inside a flow scalar: trailing blanks dropped, then one space or the empty lines as breaks. */
function fold(text: string, i: number, end: number, out: Out, escaped: boolean): number {
  while (out.chars.length && /[ \t]/.test(out.chars[out.chars.length - 1]) && !escaped) (out.chars.pop(), out.at.pop());
  const breakAt = i;
  let empty = 0;
  i += text[i] === '\r' ? 2 : 1;
  for (;;) {
    let j = i;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    if (j < end && (text[j] === '\n' || text[j] === '\r')) {
      empty++;
      i = j + (text[j] === '\r' ? 2 : 1);
      continue;
    }
    i = j;
    break;
  }
  if (empty) push(out, '\n'.repeat(empty), breakAt);
  else if (!escaped) push(out, ' ', breakAt);
  return i;
}

function flowScalar(text: string, start: number, end: number, quote: '' | "'" | '"'): Out | undefined {
  const out: Out = { chars: [], at: [] };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      i = fold(text, i, end, out, false);
    } else if (quote === "'" && c === "'" && text[i + 1] === "'") {
      push(out, "'", i);
      i += 2;
    } else if (quote === '"' && c === '\\') {
      const e = text[i + 1];
      if (e === '\n' || e === '\r') i = fold(text, i + 1, end, out, true);
      else if (e in escapes) (push(out, escapes[e], i), (i += 2));
      else if (e in hexLength) {
        const code = Number.parseInt(text.slice(i + 2, i + 2 + hexLength[e]), 16);
        if (Number.isNaN(code)) return undefined;
        push(out, String.fromCodePoint(code), i);
        i += 2 + hexLength[e];
      } else return undefined;
    } else {
      push(out, c, i);
      i++;
    }
  }
  return out;
}

/** Lines of a block scalar's body: [start offset, text without the break]. */
function bodyLines(text: string, from: number, end: number): Array<[number, string]> {
  const lines: Array<[number, string]> = [];
  let at = from;
  while (at < end) {
    let stop = text.indexOf('\n', at);
    if (stop < 0 || stop > end) stop = end;
    lines.push([at, text.slice(at, stop).replace(/\r$/, '')]);
    at = stop + 1;
  }
  return lines;
}

function blockScalar(text: string, start: number, end: number, folded: boolean): Out | undefined {
  const headerEnd = text.indexOf('\n', start);
  // An explicit indentation indicator counts from the parent's indentation, which we do not track.
  if (headerEnd < 0 || /^[|>][-+]?\d|^[|>]\d/.test(text.slice(start, headerEnd))) return undefined;
  const lines = bodyLines(text, headerEnd + 1, end);
  const first = lines.find(([, l]) => l.trim() !== '');
  if (!first) return { chars: [], at: [] };
  const indent = /^ */.exec(first[1])![0].length;
  const out: Out = { chars: [], at: [] };
  let previous: 'none' | 'normal' | 'more' = 'none';
  let empty: number[] = [];
  let lastEnd = 0;
  for (const [at, line] of lines) {
    if (line.trim() === '' && line.length <= indent) {
      empty.push(at);
      continue;
    }
    const kind = /^[ \t]/.test(line.slice(indent)) ? 'more' : 'normal';
    if (!folded || previous === 'none') empty.forEach((e) => push(out, '\n', e));
    else if (previous === 'normal' && kind === 'normal') empty.length ? empty.forEach((e) => push(out, '\n', e)) : push(out, ' ', lastEnd);
    else [lastEnd, ...empty].forEach((e) => push(out, '\n', e));
    empty = [];
    const content = line.slice(indent);
    for (let j = 0; j < content.length; j++) push(out, content[j], at + indent + j);
    if (!folded) push(out, '\n', at + line.length);
    lastEnd = at + line.length;
    previous = kind;
  }
  if (folded) push(out, '\n', lastEnd);
  empty.forEach((e) => push(out, '\n', e));
  return out;
}

/** Where each character of the scalar's string value is in `text`. */
export function sourceMap(text: string, node: Scalar): SourceMap | undefined {
  const value = node.value;
  if (typeof value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  let out: Out | undefined;
  if (node.type === 'PLAIN') out = flowScalar(text, start, end, '');
  else if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') out = flowScalar(text, start + 1, end - 1, node.type === 'QUOTE_SINGLE' ? "'" : '"');
  else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') out = blockScalar(text, start, end, node.type === 'BLOCK_FOLDED');
  if (!out) return undefined;
  const built = out.chars.join('');
  // Block scalars' chomping only drops final line breaks, so their value is a prefix of what we built.
  if (built === value || (node.type?.startsWith('BLOCK') && built.startsWith(value) && /^\n*$/.test(built.slice(value.length)))) {
    const map = out.at.slice(0, value.length);
    map.push(value.length ? map[value.length - 1] + 1 : start);
    return map;
  }
  return undefined;
}
