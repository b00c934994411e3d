// Characters that come with text copied from web pages, word processors and chat: typographic quotes
// where YAML quotes were meant, non-breaking and other Unicode spaces, invisible zero-width characters,
// and en or em dashes where a list's `-` was meant. YAML reads each of them as text, so a key or a
// value silently becomes another one. This finds them in a scalar's source, with their replacement.

import type { Scalar } from '../../server/src/engine';

export type PastedKind = 'quotes' | 'space' | 'invisible' | 'dash';

export interface Pasted {
  kind: PastedKind;
  /** Offsets in the file of what is reported, and of what the fix replaces (quotes: the whole scalar). */
  start: number;
  end: number;
  replacement: string;
  /** `U+00A0` and, for visible characters, the character itself. */
  character: string;
}

const openingQuotes = '\u201c\u201e\u201f\u2018\u201a\u201b\u201d\u2019';
const closingQuotes = '\u201d\u201c\u2019\u2018\u201f\u201b';
const singleQuotes = '\u2018\u2019\u201a\u201b';
/** No-break, figure, narrow no-break, the typographic spaces of U+2000–U+200A, and the ideographic one. */
const spaces = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
const invisibles = /[\u200b\u200c\u200d\u2060\ufeff]/g;
const dashes = '\u2013\u2014\u2212';

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A plain, one-line scalar written between typographic quotes: YAML quotes were meant. */
function quoted(node: Scalar, source: string, start: number): Pasted | undefined {
  if (node.type !== 'PLAIN' || source.length < 2 || /[\r\n]/.test(source)) return undefined;
  const first = source[0];
  const last = source[source.length - 1];
  if (!openingQuotes.includes(first) || !closingQuotes.includes(last)) return undefined;
  const inner = source.slice(1, -1);
  const single = singleQuotes.includes(first) && singleQuotes.includes(last);
  const replacement = single ? `'${inner.replace(/'/g, "''")}'` : JSON.stringify(inner);
  return { kind: 'quotes', start, end: start + source.length, replacement, character: `${codePoint(first)} ${first}` };
}

/** Zero-width joiners and non-joiners belong between letters of scripts and emoji sequences that need them. */
function joinsLetters(source: string, at: number): boolean {
  const before = source.codePointAt(at - 1) ?? 0;
  const after = source.codePointAt(at + 1) ?? 0;
  return (source[at] === '\u200c' || source[at] === '\u200d') && before > 0x7f && after > 0x7f;
}

/**
 * The pasted characters of one scalar whose source starts at `start`. `free` is text Kubernetes does
 * not interpret (an annotation's or a ConfigMap's value): only quotes around it would matter there,
 * and even those may be meant, so nothing is reported in it.
 */
export function pastedIn(node: Scalar, source: string, start: number, free: boolean): Pasted[] {
  if (free || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return [];
  const quote = quoted(node, source, start);
  if (quote) return [quote];
  const out: Pasted[] = [];
  for (const m of source.matchAll(spaces)) out.push({ kind: 'space', start: start + m.index!, end: start + m.index! + 1, replacement: ' ', character: codePoint(m[0]) });
  for (const m of source.matchAll(invisibles)) {
    // A byte-order mark opens a file, not a value; elsewhere it is a stray zero-width no-break space.
    if (!joinsLetters(source, m.index!)) out.push({ kind: 'invisible', start: start + m.index!, end: start + m.index! + 1, replacement: '', character: codePoint(m[0]) });
  }
  if (node.type === 'PLAIN' && dashes.includes(source[0]) && source[1] === ' ') out.push({ kind: 'dash', start, end: start + 1, replacement: '-', character: `${codePoint(source[0])} ${source[0]}` });
  return out.sort((a, b) => a.start - b.start);
}
