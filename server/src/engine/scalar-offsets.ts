// Where each character of a YAML string scalar's value stands in the file: the value of a quoted,
// escaped, folded or block scalar differs from its source text, and an error at character N of a CEL
// expression must be shown at its own character. The mapping is rebuilt from the source and checked
// against the parser's value; when they differ (a construct not followed here) there is no mapping
// and the caller marks the whole value. Used wherever a finding points inside a string value (CEL
// expressions of custom rules and of ValidatingAdmissionPolicies).

import type { Scalar } from 'yaml';

/** `at[i]`: the file offset of the value's character i (`at[value.length]` is where it ends). */
export function scalarOffsets(text: string, node: Scalar): number[] | undefined {
  const range = node.range;
  if (!range || typeof node.value !== 'string') return undefined;
  const [start, end] = range;
  const built = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? block(text, start, end, node.type === 'BLOCK_FOLDED') : flow(text, start, end, node.type);
  if (!built) return undefined;
  const value = node.value;
  // Block scalars' final line breaks depend on chomping: compared without them.
  const same = node.type?.startsWith('BLOCK') ? built.chars.replace(/\n+$/, '') === value.replace(/\n+$/, '') : built.chars === value;
  if (!same) return undefined;
  const at: number[] = [];
  for (let i = 0; i < value.length; i++) at.push(built.at[i] ?? built.end);
  // Just past the last character: where an error at the end of the expression ("expected …") points.
  at.push(value.length > 0 ? at[value.length - 1] + 1 : built.end);
  return at;
}

interface Built {
  chars: string;
  at: number[];
  end: number;
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

/** Plain and quoted scalars: line folding, `''` in single quotes, escapes in double quotes. */
function flow(text: string, start: number, end: number, type: Scalar['type']): Built | undefined {
  const quoted = type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE';
  const [from, to] = quoted ? [start + 1, end - 1] : [start, end];
  const out: Built = { chars: '', at: [], end: to };
  const push = (c: string, offset: number) => {
    out.chars += c;
    for (let k = 0; k < c.length; k++) out.at.push(offset);
  };
  let i = from;
  let pendingSpace = -1;
  while (i < to) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      // Folding: trailing blanks go, a single break becomes a space, each further empty line a break.
      trimTrailingBlanks(out, from);
      let breaks = 0;
      let j = i;
      while (j < to && /[ \t\r\n]/.test(text[j])) {
        if (text[j] === '\n') breaks++;
        j++;
      }
      if (breaks > 1) for (let k = 1; k < breaks; k++) push('\n', i);
      else pendingSpace = i;
      if (pendingSpace >= 0) push(' ', pendingSpace);
      pendingSpace = -1;
      i = j;
      continue;
    }
    if (type === 'QUOTE_SINGLE' && c === "'" && text[i + 1] === "'") {
      push("'", i);
      i += 2;
      continue;
    }
    if (type === 'QUOTE_DOUBLE' && c === '\\') {
      const next = text[i + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break joins the lines with nothing between them.
        i += 2;
        while (i < to && /[ \t\r\n]/.test(text[i])) i++;
        continue;
      }
      if (next in hexLength) {
        const hex = text.slice(i + 2, i + 2 + hexLength[next]);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength[next]) return undefined;
        push(String.fromCodePoint(parseInt(hex, 16)), i);
        i += 2 + hex.length;
        continue;
      }
      if (!(next in escapes)) return undefined;
      push(escapes[next], i);
      i += 2;
      continue;
    }
    push(c, i);
    i++;
  }
  return out;
}

function trimTrailingBlanks(out: Built, from: number): void {
  while (out.chars.length > 0 && /[ \t]$/.test(out.chars) && out.at[out.at.length - 1] >= from) {
    out.chars = out.chars.slice(0, -1);
    out.at.pop();
  }
}

/** Literal (`|`) and folded (`>`) block scalars: the indentation goes, and folded lines are joined by spaces. */
function block(text: string, start: number, end: number, folded: boolean): Built | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return undefined;
  const header = text.slice(start, headerEnd).replace(/#.*$/, '');
  const explicit = /[1-9]/.exec(header);
  const lines: Array<{ offset: number; text: string }> = [];
  for (let offset = headerEnd + 1; offset < end;) {
    const next = text.indexOf('\n', offset);
    const lineEnd = next < 0 || next > end ? end : next;
    lines.push({ offset, text: text.slice(offset, lineEnd).replace(/\r$/, '') });
    offset = lineEnd + 1;
  }
  const firstContent = lines.find((l) => l.text.trim() !== '');
  if (!firstContent) return undefined;
  const parentIndent = text.slice(text.lastIndexOf('\n', start) + 1, start).search(/\S/);
  const indent = explicit ? Math.max(0, parentIndent) + Number(explicit[0]) : firstContent.text.search(/\S/);
  const out: Built = { chars: '', at: [], end };
  let previous: 'none' | 'text' | 'more' = 'none';
  let emptyRun = 0;
  for (const line of lines) {
    const body = line.text.slice(indent);
    if (line.text.trim() === '') {
      emptyRun++;
      continue;
    }
    const kind = /^[ \t]/.test(body) ? 'more' : 'text';
    if (previous !== 'none') {
      const breakAt = line.offset - 1;
      // Folding turns the break between two plain lines into a space, unless empty lines stand between.
      const joiner = folded && previous === 'text' && kind === 'text' ? (emptyRun > 0 ? '\n'.repeat(emptyRun) : ' ') : '\n'.repeat(emptyRun + 1);
      for (const c of joiner) {
        out.chars += c;
        out.at.push(breakAt);
      }
    } else if (emptyRun > 0) {
      for (let k = 0; k < emptyRun; k++) {
        out.chars += '\n';
        out.at.push(line.offset - 1);
      }
    }
    emptyRun = 0;
    for (let k = 0; k < body.length; k++) {
      out.chars += body[k];
      out.at.push(line.offset + indent + k);
    }
    previous = kind;
  }
  return out;
}
