// The comment lines a YAML document opens with, between its `---` marker (or the end of the document
// before it) and its content. Generators sign their output there (`# Source:` of `helm template`); the
// yaml package hands such comments to whichever node follows, so they are read from the text instead.

import { ParsedFile } from './parse';

export interface LeadingComment {
  /** Offset of the `#`. */
  offset: number;
  /** The comment after its `#`, without the line break (a CR of CRLF included) or surrounding blanks. */
  text: string;
}

/** Blank lines, the document marker and the stream's own markers may sit among the comments. */
const skippable = /^[ \t]*(?:(?:---|\.\.\.)(?=[ \t]|$)[ \t]*|%.*)?$/;

export function leadingComments(file: ParsedFile, documentIndex: number): LeadingComment[] {
  const document = file.documents[documentIndex];
  if (!document) return [];
  // The previous document's range ends after its trailing comments: those are not this one's.
  const from = documentIndex > 0 ? file.documents[documentIndex - 1].doc.range[2] : 0;
  const contents = document.doc.contents;
  const to = contents?.range ? contents.range[0] : document.doc.range[1];
  const out: LeadingComment[] = [];
  let start = from;
  while (start < to) {
    const newline = file.text.indexOf('\n', start);
    const end = newline < 0 || newline >= to ? to : newline;
    const line = file.text.slice(start, end).replace(/\r$/, '');
    // `--- # note` is a comment too.
    const body = line.replace(/^(?:---|\.\.\.)[ \t]+(?=#)/, '');
    const hash = body.search(/\S/);
    if (hash >= 0 && body[hash] === '#') out.push({ offset: start + line.length - body.length + hash, text: body.slice(hash + 1).trim() });
    else if (!skippable.test(line)) break;
    start = end + 1;
  }
  return out;
}
