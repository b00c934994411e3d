// The scalar forms of the fast YAML reader (yaml-fast.ts): where they start and end, and their
// values as YAML folds and escapes them. Each declines (throws `decline`) what it does not read.

/** Thrown when the text is beyond what the fast reader reads; caught in fastDocument. */
export const decline = Symbol('decline');

const SPACE = 32;
const NL = 10;

/**
 * The text without its trailing spaces. YAML's white space is only the space and the tab (which the
 * reader declines); String.prototype.trim would also take a no-break space that YAML keeps.
 */
export function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Whether a plain scalar may start at `at` in block context (no indicator, or `-?:` before a non-space). */
export function plainStart(text: string, at: number, end: number): boolean {
  const c = text[at];
  if ('-?:'.includes(c)) {
    const next = text.charCodeAt(at + 1);
    return at + 1 < end && next !== SPACE && next !== NL;
  }
  return !',[]{}#&*!|>\'"%@`'.includes(c);
}

/** The chomping (`-`, `+` or none) and indentation indicator (0 when none) of a block scalar header. */
export function blockHeader(header: string): { chomp: string; indicator: number } {
  let chomp = '';
  let indicator = 0;
  for (const c of header.slice(1)) {
    if ((c === '-' || c === '+') && !chomp) chomp = c;
    else if (c >= '1' && c <= '9' && !indicator) indicator = Number(c);
    else throw decline;
  }
  return { chomp, indicator };
}

/** Folds the lines of a `>` scalar: a break between two lines is a space, each empty line a break. */
export function folded(lines: string[]): string {
  let out = '';
  let breaks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') {
      breaks++;
      continue;
    }
    // More-indented lines keep their breaks, with rules of their own: the yaml package reads those.
    if (line.startsWith(' ')) throw decline;
    // Empty lines before the first line are breaks too; between two lines, a single break is a space.
    out += breaks > 0 ? '\n'.repeat(breaks) : started ? ' ' : '';
    out += line;
    started = true;
    breaks = 0;
  }
  return out;
}

export function closingDoubleQuote(text: string, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) i++;
    else if (c === 34) return i;
  }
  return -1;
}

export function closingSingleQuote(text: string, at: number, end: number): number {
  let close = text.indexOf("'", at + 1);
  while (close >= 0 && close < end && text.charCodeAt(close + 1) === 39) close = text.indexOf("'", close + 2);
  return close < end ? close : -1;
}

/**
 * The lines of a quoted scalar folded as YAML folds them: spaces around each break go, a single
 * break becomes a space, and each empty line a break. Every line after the first must be indented
 * deeper than the parent at `indent` (the yaml package reports the others).
 */
export function foldQuotedLines(raw: string, indent: number): string {
  const lines = raw.split('\n');
  let out = lines[0].replace(/ +$/, '');
  let breaks = 0;
  for (let i = 1; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const line = last ? lines[i].replace(/^ +/, '') : lines[i].replace(/^ +| +$/g, '');
    if (line === '' && !last) {
      breaks++;
      continue;
    }
    if (lines[i].length - lines[i].replace(/^ +/, '').length <= indent) throw decline;
    out += breaks > 0 ? '\n'.repeat(breaks) : ' ';
    out += line;
    breaks = 0;
  }
  return out;
}

/** YAML's escapes of one character, as the yaml package's table has them. */
const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** The escapes of a double-quoted scalar; an unknown one declines (the yaml package reports it). */
export function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_, code: string) => {
    // A code point beyond Unicode throws a RangeError, which declines too.
    if (code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
    const out = escapes[code];
    if (out === undefined) throw decline;
    return out;
  });
}

/** A line opening with `---`, `...` or `%` ties documents together: the yaml package reads those. */
export function documentMarker(text: string, at: number): boolean {
  return text.charCodeAt(at) === 37 || text.startsWith('---', at) || text.startsWith('...', at);
}
