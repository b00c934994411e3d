// A syntax error caused by a character pasted from a web page: a no-break (or other Unicode) space
// where YAML needs an ASCII one (`name:\u00a0web` is one plain scalar, not a key and its value), or
// an en or em dash opening a line where a list item's `-` was meant. The error is reported on that
// character, saying what it is, and the fix writes the ASCII character.

const unicodeSpace = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/;

export const pastedSpaceMessage = 'A non-breaking or Unicode space stands where YAML needs an ASCII space';
export const pastedDashMessage = 'A dash (\u2013 or \u2014) opens this line where the - of a list item was meant';

export interface PastedCause {
  offset: number;
  message: string;
  /** The ASCII character meant. */
  replacement: string;
}

/** The pasted character on the line holding `offset` that YAML stumbles on, if any. */
export function pastedCause(text: string, offset: number): PastedCause | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const line = text.slice(start, end);
  const dash = /^[ ]*[\u2013\u2014] /.exec(line);
  if (dash) return { offset: start + dash[0].length - 2, message: pastedDashMessage, replacement: '-' };
  // In the indentation, or right after the `:` of a key or the `-` of an item, where a separator goes.
  const space = /^([ ]*)(?:[\u00a0\u2000-\u200a\u202f\u205f\u3000]|(?:- )?[^\s:#]+:(?=[\u00a0\u2000-\u200a\u202f\u205f\u3000])|-(?=[\u00a0\u2000-\u200a\u202f\u205f\u3000]))/.exec(line);
  if (!space) return undefined;
  const at = start + space[0].length - (unicodeSpace.test(space[0][space[0].length - 1]) ? 1 : 0);
  return unicodeSpace.test(text[at]) ? { offset: at, message: pastedSpaceMessage, replacement: ' ' } : undefined;
}
