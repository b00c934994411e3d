// A fast reader for the plain block YAML that generated manifests are made of (CRDs, install
// bundles): block maps and sequences, plain, quoted and block scalars, one-line flow collections. It
// builds the same yaml-package nodes, with the same values and ranges, as parseAllDocuments, in a
// fraction of its time and garbage. Anything else (comments between entries, anchors, aliases,
// tags, nested flow content, rare escapes, tabs, CR, empty values, anything malformed) makes it give
// up, and the yaml package parses the document as before: this reader never reports a syntax error,
// it only declines.
// Its documents carry no comments and no `spaceBefore`: no rule reads them (comments.ts reads the
// text). test/unit/yaml-fast.test.ts holds it to the yaml package over the corpus and mutations of it.
// Its nodes are made as yaml-fast-nodes.ts says; scalar forms are in yaml-fast-scalars.ts, flow
// collections in yaml-fast-flow.ts.

import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { flowCollection, FlowHost } from './yaml-fast-flow';
import { collectionsOf, keyText, newPair, Scalars } from './yaml-fast-nodes';
import { blockHeader, closingDoubleQuote, closingSingleQuote, decline, documentMarker, folded, foldQuotedLines, plainStart, trimSpaces, unescape } from './yaml-fast-scalars';

type Node = Scalar | YAMLMap | YAMLSeq;

const SPACE = 32;
const NL = 10;
/** YAML allows an implicit key's `:` at most this many characters after the key's start. */
const maxKey = 1024;

export interface FastRead {
  doc: Document.Parsed;
  /** Every map of the document and no alias, for addStructureErrors. */
  shape: { maps: YAMLMap[]; aliases: false };
}

/**
 * The one document of the text from `start` to `end` (a chunk with at most one `---`, at its
 * start), read in place with its offsets in `text`; undefined when the text is beyond this reader.
 * `options` are the yaml package's options the caller parses with.
 */
export function fastDocument(text: string, options: object, start = 0, end = text.length): FastRead | undefined {
  // A document read in place ends at a line's end: the reader never looks at the next one.
  if (end < text.length && text.charCodeAt(end - 1) !== NL) return undefined;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // The yaml package drops a byte-order mark at the start of any line before the content.
    if (c === 9 || c === 13 || c === 0xfeff) return undefined;
  }
  const doc = new Document(undefined, options) as unknown as Document.Parsed;
  try {
    const reader = new Reader(text, start, end, doc, options);
    reader.read();
    return { doc, shape: { maps: reader.maps, aliases: false } };
  } catch (error) {
    // A decline, or a stack overflow on absurd nesting: the yaml package has the final word.
    if (error === decline || error instanceof RangeError) return undefined;
    throw error;
  }
}

class Reader implements FlowHost {
  readonly scalars: Scalars;
  readonly newMap: () => YAMLMap;
  readonly newSeq: () => YAMLSeq;
  readonly maps: YAMLMap[] = [];
  /** The items of the collections being read: each takes an array of its exact size at its end (a pushed-to one holds 17). */
  private readonly items: unknown[] = [];

  constructor(
    readonly text: string,
    private readonly start: number,
    readonly end: number,
    private readonly doc: Document.Parsed,
    options: object,
  ) {
    this.scalars = new Scalars(doc, decline);
    ({ map: this.newMap, seq: this.newSeq } = collectionsOf(doc.schema, options));
  }

  read(): void {
    const { text, doc } = this;
    let at = this.skipBlankAndComments(this.start);
    let start = at;
    if (text.startsWith('---', at)) {
      if (at + 3 < this.end && text.charCodeAt(at + 3) !== NL) throw decline;
      doc.directives!.docStart = true;
      at = this.skipBlankAndComments(at + 4);
    }
    if (at >= this.end) throw decline;
    const [contents, next] = this.blockNode(at, this.indentAt(at));
    if (next < this.end) throw decline;
    doc.contents = contents as Document.Parsed['contents'];
    doc.range = [start, contents.range![2], this.end];
  }

  /** The start of the next line with content at or after the line starting at `at`; comments allowed. */
  private skipBlankAndComments(at: number): number {
    const { text } = this;
    while (at < this.end) {
      const indent = this.indentAt(at);
      const c = text.charCodeAt(at + indent);
      if (c !== NL && c !== 35 /* # */ && at + indent < this.end) return at;
      at = this.lineEnd(at) + 1;
    }
    return this.end;
  }

  /** The start of the next line with content at or after `at`, skipping blank lines; a comment declines. */
  private nextLine(at: number): number {
    const { text } = this;
    while (at < this.end) {
      const indent = this.indentAt(at);
      const c = text.charCodeAt(at + indent);
      if (c === 35) throw decline;
      if (c !== NL && at + indent < this.end) {
        if (indent === 0 && documentMarker(text, at)) throw decline;
        return at;
      }
      at += indent + 1;
    }
    return this.end;
  }

  private indentAt(at: number): number {
    let i = at;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i - at;
  }

  private lineEnd(at: number): number {
    const end = this.text.indexOf('\n', at);
    return end < 0 || end >= this.end ? this.end : end;
  }

  /** The block node whose first line starts at `line`, its content at column `indent`. */
  private blockNode(line: number, indent: number): [Node, number] {
    return this.isSeqEntry(line + indent) ? this.blockSeq(line, indent) : this.blockMap(line + indent, indent);
  }

  private isSeqEntry(at: number): boolean {
    const next = this.text.charCodeAt(at + 1);
    return this.text.charCodeAt(at) === 45 /* - */ && (next === SPACE || next === NL || at + 1 >= this.end);
  }

  /** A block map whose first key is at `first`, its keys at column `indent`. */
  private blockMap(first: number, indent: number): [YAMLMap, number] {
    const map = this.newMap();
    this.maps.push(map);
    const base = this.items.length;
    let keyAt = first;
    let end = first;
    let next: number;
    for (;;) {
      const [key, afterColon] = this.key(keyAt);
      let value: Node;
      [value, next] = this.value(afterColon, indent, true);
      this.items.push(newPair(key, value));
      end = value.range![2];
      if (next >= this.end) break;
      const nextIndent = this.indentAt(next);
      if (nextIndent < indent) break;
      if (nextIndent > indent || this.isSeqEntry(next + nextIndent)) throw decline;
      keyAt = next + nextIndent;
    }
    map.items = this.items.splice(base) as Pair[];
    map.range = [first, end, end];
    return [map, next];
  }

  /** A block sequence whose first entry's line starts at `line`, its dashes at column `indent`. */
  private blockSeq(line: number, indent: number): [YAMLSeq, number] {
    const seq = this.newSeq();
    const base = this.items.length;
    const first = line + indent;
    let dash = first;
    let end = first;
    let next: number;
    for (;;) {
      let item: Node;
      [item, next] = this.entry(dash, indent);
      this.items.push(item);
      end = item.range![2];
      if (next >= this.end) break;
      const nextIndent = this.indentAt(next);
      if (nextIndent < indent || (nextIndent === indent && !this.isSeqEntry(next + indent))) break;
      if (nextIndent > indent) throw decline;
      dash = next + indent;
    }
    seq.items = this.items.splice(base);
    seq.range = [first, end, end];
    return [seq, next];
  }

  private nextAfter(end: number): number {
    return end >= this.end ? this.end : this.nextLine(end);
  }

  /** One sequence entry at the dash `dash`: a compact map, a scalar, or a block node below it. */
  private entry(dash: number, indent: number): [Node, number] {
    const { text } = this;
    let at = dash + 1;
    while (text.charCodeAt(at) === SPACE) at++;
    if (this.isSeqEntry(at)) throw decline;
    if (at < this.end && text.charCodeAt(at) !== NL && text.charCodeAt(at) !== 35 && this.opensKey(at)) {
      return this.blockMap(at, at - this.lineStart(at));
    }
    return this.value(at, indent, false);
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }

  /** Whether the line from `at` holds `key:` (plain or quoted) followed by a space or its end. */
  private opensKey(at: number): boolean {
    const { text } = this;
    const c = text.charCodeAt(at);
    let i = at;
    if (c === 34 || c === 39) {
      const close = text.indexOf(text[at], at + 1);
      if (close < 0 || close > this.lineEnd(at)) return false;
      i = close + 1;
      return text.charCodeAt(i) === 58 && this.colonEnds(i);
    }
    const end = this.lineEnd(at);
    for (i = text.indexOf(':', at); i >= 0 && i < end; i = text.indexOf(':', i + 1)) {
      if (this.colonEnds(i)) return true;
    }
    return false;
  }

  private colonEnds(colon: number): boolean {
    const next = this.text.charCodeAt(colon + 1);
    return next === SPACE || next === NL || colon + 1 >= this.end;
  }

  /** The key at `at`, and the offset after its colon. */
  private key(at: number): [Scalar, number] {
    const { text } = this;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const [key, end] = this.quoted(at);
      if (text.charCodeAt(end) !== 58 || !this.colonEnds(end) || end - at > maxKey) throw decline;
      key.range = [at, end, end];
      return [key, end + 1];
    }
    if (!plainStart(text, at, this.end)) throw decline;
    const end = this.lineEnd(at);
    let colon = text.indexOf(':', at);
    while (colon >= 0 && colon < end && !this.colonEnds(colon)) colon = text.indexOf(':', colon + 1);
    if (colon < 0 || colon >= end) throw decline;
    const source = keyText(text.slice(at, colon));
    if (colon - at > maxKey || source.includes(' #') || text.charCodeAt(colon - 1) === SPACE || source === '<<') throw decline;
    return [this.scalars.plain(source, [at, colon, colon], true), colon + 1];
  }

  /**
   * The value that starts on the line after `at` (a key's colon or an entry's dash), for a parent at
   * column `indent`; a map's value may be a sequence at the map's own column.
   */
  private value(at: number, indent: number, inMap: boolean): [Node, number] {
    const { text } = this;
    while (text.charCodeAt(at) === SPACE) at++;
    const c = text.charCodeAt(at);
    if (at >= this.end || c === NL || c === 35) {
      if (c === 35 && text.charCodeAt(at - 1) !== SPACE) throw decline;
      const line = this.nextLine(this.lineEnd(at) + 1);
      if (line >= this.end) throw decline;
      const childIndent = this.indentAt(line);
      if (childIndent > indent) return this.blockNode(line, childIndent);
      if (inMap && childIndent === indent && this.isSeqEntry(line + indent)) return this.blockSeq(line, indent);
      throw decline;
    }
    if (c === 124 || c === 62) return this.blockScalar(at, indent);
    if (c === 34 || c === 39) return this.quotedValue(at, indent);
    if (c === 91 || c === 123) return this.flowValue(at);
    return this.plainValue(at, indent);
  }

  private quotedValue(at: number, indent: number): [Scalar, number] {
    const [scalar, end] = this.quoted(at, indent);
    const lineEnd = this.restOfLine(end);
    scalar.range = [at, end, lineEnd];
    return [scalar, this.nextAfter(lineEnd)];
  }

  /** After a value ending at `end`: spaces and maybe a comment, then the line's end; past its newline. */
  private restOfLine(end: number): number {
    const { text } = this;
    let i = end;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i < this.end && text.charCodeAt(i) !== NL && (text.charCodeAt(i) !== 35 || i === end)) throw decline;
    const lineEnd = this.lineEnd(i);
    return lineEnd < this.end ? lineEnd + 1 : lineEnd;
  }

  /**
   * A quoted scalar at `at`, and the offset after its closing quote. Keys (`indent` undefined) stay on
   * one line; a value's further lines are folded, indented deeper than its parent at `indent`.
   */
  quoted(at: number, indent?: number): [Scalar, number] {
    const { text } = this;
    const double = text.charCodeAt(at) === 34;
    const close = double ? closingDoubleQuote(text, at, this.end) : closingSingleQuote(text, at, this.end);
    if (close < 0 || close >= this.end) throw decline;
    let value = text.slice(at + 1, close);
    if (value.includes('\n')) {
      // An escaped line break joins lines without folding them: the yaml package reads those.
      if (indent === undefined || (double && /\\ *\n/.test(value))) throw decline;
      value = foldQuotedLines(value, indent);
    }
    value = double ? unescape(value) : value.replaceAll("''", "'");
    return [this.scalars.string(value, double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE'), close + 1];
  }

  private flowValue(at: number): [Node, number] {
    const [node, close] = flowCollection(this, at);
    const lineEnd = this.restOfLine(close);
    node.range = [at, close, lineEnd];
    return [node, this.nextAfter(lineEnd)];
  }

  /** A plain scalar at `at`, on one line or folded over more-indented lines below, for a parent at `indent`. */
  private plainValue(at: number, indent: number): [Scalar, number] {
    const { text } = this;
    if (!plainStart(text, at, this.end)) throw decline;
    let [value, valueEnd, commented] = this.plainLine(at);
    let lineEnd = this.lineEnd(valueEnd);
    while (!commented) {
      let breaks = 0;
      let line = lineEnd + 1;
      while (line < this.end && text.charCodeAt(line + this.indentAt(line)) === NL) {
        line += this.indentAt(line) + 1;
        breaks++;
      }
      if (line >= this.end) break;
      const lineIndent = this.indentAt(line);
      if (lineIndent <= indent) break;
      const from = line + lineIndent;
      const c = text.charCodeAt(from);
      // A deeper `- x` or `? x` continues the text; `#` opens a comment, which ends the scalar.
      if (from >= this.end || c === 35) throw decline;
      let more: string;
      [more, valueEnd, commented] = this.plainLine(from);
      value += breaks > 0 ? '\n'.repeat(breaks) + more : ' ' + more;
      lineEnd = this.lineEnd(valueEnd);
    }
    const nodeEnd = lineEnd < this.end ? lineEnd + 1 : lineEnd;
    return [this.scalars.plain(value, [at, valueEnd, nodeEnd], false), this.nextAfter(nodeEnd)];
  }

  /**
   * One line of a plain scalar from `at`: its text without trailing spaces, where that ends, and
   * whether a comment follows it (which ends the scalar).
   */
  private plainLine(at: number): [string, number, boolean] {
    const { text } = this;
    const lineEnd = this.lineEnd(at);
    let line = text.slice(at, lineEnd);
    const comment = line.indexOf(' #');
    if (comment >= 0) line = line.slice(0, comment);
    if (line.includes(': ') || line.endsWith(':')) throw decline;
    const trimmed = trimSpaces(line);
    return [trimmed, at + trimmed.length, comment >= 0];
  }

  /** A literal or folded block scalar whose header is at `at`, for a parent at column `indent`. */
  private blockScalar(at: number, indent: number): [Scalar, number] {
    const { text } = this;
    const header = trimSpaces(text.slice(at, this.lineEnd(at)));
    const { chomp, indicator } = blockHeader(header);
    const lines: string[] = [];
    let line = this.lineEnd(at) + 1;
    // Empty lines may come first; the first line with content sets the indentation when no indicator does.
    let first = line;
    while (first < this.end && this.lineEnd(first) === first + this.indentAt(first)) first = this.lineEnd(first) + 1;
    const contentIndent = indicator ? indent + indicator : this.indentAt(first);
    if (first >= this.end || contentIndent <= indent || this.indentAt(first) < contentIndent) throw decline;
    let end = line;
    let trailing = 0;
    while (line < this.end) {
      const lineIndent = this.indentAt(line);
      const lineEnd = this.lineEnd(line);
      if (lineEnd === line + lineIndent) {
        if (lineIndent > contentIndent || lineEnd >= this.end) throw decline;
        trailing++;
      } else if (lineIndent < contentIndent) {
        break;
      } else {
        if (lineEnd >= this.end) throw decline;
        for (; trailing > 0; trailing--) lines.push('');
        lines.push(text.slice(line + contentIndent, lineEnd));
        end = lineEnd + 1;
      }
      line = lineEnd + 1;
    }
    const body = header[0] === '|' ? lines.join('\n') : folded(lines);
    const value = chomp === '-' ? body : chomp === '+' ? body + '\n'.repeat(trailing + 1) : body + '\n';
    if (chomp === '+') end = line;
    const scalar = this.scalars.string(value, header[0] === '|' ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED');
    scalar.range = [at, end, end];
    return [scalar, this.nextAfter(end)];
  }
}
