// Our own wording for YAML syntax errors. The yaml package's messages quote the source
// (`Block scalar header includes extra characters: >hunter2`, `Not a YAML token: hunter2`), and a
// manifest's source may hold a secret: its messages are never shown, not even as a fallback. Each
// error code maps to a fixed sentence; the problem's range already shows where the error is.

import type { ErrorCode } from 'yaml';
import { tabIndentMessage } from './tab-indent';
import { pastedDashMessage, pastedSpaceMessage } from './pasted-syntax';

/** What a manifest says when the parser ran out of stack on absurd nesting (it reports that as an error). */
export const nestedTooDeeply = 'The YAML is nested too deeply to be checked';

/** For a code this version of the yaml package does not define. */
export const genericSyntaxMessage = 'The YAML is malformed here';

const byCode: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'An alias (*name) cannot have an anchor or a tag',
  BAD_ALIAS: 'An anchor or alias name is empty or ends in a colon',
  BAD_COLLECTION_TYPE: 'The tag does not fit this kind of collection',
  BAD_DIRECTIVE: 'The % directive is not valid',
  BAD_DQ_ESCAPE: 'A double-quoted string holds an invalid escape sequence',
  BAD_INDENT: 'The indentation is wrong here',
  BAD_PROP_ORDER: 'An anchor or a tag must come after the ? or - indicator',
  BAD_SCALAR_START: 'A plain value cannot start with this character; quote the value',
  BLOCK_AS_IMPLICIT_KEY: 'A map cannot start here: put each key on a line of its own, indented like its siblings',
  BLOCK_IN_FLOW: 'Block-style text cannot appear inside a flow collection ([...] or {...})',
  DUPLICATE_KEY: 'A map key appears twice; keys must be unique',
  IMPOSSIBLE: 'The YAML parser could not read this',
  KEY_OVER_1024_CHARS: 'A key is longer than 1024 characters',
  MISSING_CHAR: 'A character is missing here (a closing quote or bracket, a comma, a colon or a space)',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; is a colon missing, or the indentation wrong?',
  MULTIPLE_ANCHORS: 'A value can have at most one anchor',
  MULTIPLE_DOCS: 'Only one YAML document is expected here',
  MULTIPLE_TAGS: 'A value can have at most one tag',
  NON_STRING_KEY: 'A key must be a plain string here',
  RESOURCE_EXHAUSTION: nestedTooDeeply,
  TAB_AS_INDENT: tabIndentMessage,
  TAG_RESOLVE_FAILED: 'The tag of this value is unknown or does not fit the value',
  UNEXPECTED_TOKEN: 'Unexpected text here: is the indentation, a quote or a block scalar header (| or >) wrong?',
};

/**
 * Messages the yaml package writes as fixed text (nothing of the source in them), each mapped to a
 * more precise sentence than its code's. Matched whole, so no source text can slip through.
 */
const byFixedMessage: Record<string, string> = {
  'Missing closing "quote': 'A double-quoted string is not closed',
  "Missing closing 'quote": 'A single-quoted string is not closed',
  'Implicit map keys need to be followed by map values': 'A key needs a colon and a value (key: value)',
  'Comments must be separated from other tokens by white space characters': 'A comment (#) must be preceded by a space',
  'Sequence item without - indicator': 'A sequence item lacks its - indicator',
  'Tags and anchors must be separated from the next token by white space': 'A tag or an anchor must be followed by a space',
  'Map keys must be unique': byCode.DUPLICATE_KEY,
  // Our own check's message (yaml-checks.ts): the yaml package's quotes the alias name.
  'Unknown alias: no anchor of that name precedes it': 'Unknown alias: no anchor of that name precedes it',
  'All mapping items must start at the same column': 'The indentation is wrong: entries of one map must start at the same column',
  'All sequence items must start at the same column': 'The indentation is wrong: items of one sequence must start at the same column',
};

/** Messages that go on to quote the source, known by their fixed opening; only our sentence is shown. */
const byOpening: Array<[string, string]> = [
  ['Block scalar header includes extra characters', 'Text follows the block scalar header (| or >) on its line; the value belongs on the lines below'],
  ['Not a YAML token', 'This text is not valid YAML here; check the indentation and the block scalar header (| or >)'],
  ['Invalid escape sequence', byCode.BAD_DQ_ESCAPE],
  ['Unresolved tag', 'The tag of this value is unknown'],
  ['Flow sequence in block collection', 'A flow sequence ([...]) is not closed, or its lines are not indented enough'],
  ['Flow map in block collection', 'A flow map ({...}) is not closed, or its lines are not indented enough'],
];

/** Every message a syntax problem can carry; for tests that check no other text gets through. */
export const syntaxMessages: ReadonlySet<string> = new Set([
  genericSyntaxMessage,
  pastedSpaceMessage,
  pastedDashMessage,
  ...Object.values(byCode),
  ...Object.values(byFixedMessage),
  ...byOpening.map(([, m]) => m),
]);

/** Our message for a parse error of the yaml package: chosen by its code, never built from its text. */
export function syntaxMessage(error: { code?: string; message?: string }): string {
  const precise = error.message !== undefined && Object.hasOwn(byFixedMessage, error.message) ? byFixedMessage[error.message] : undefined;
  if (precise) return precise;
  const opening = byOpening.find(([start]) => error.message?.startsWith(start));
  if (opening) return opening[1];
  return error.code !== undefined && Object.hasOwn(byCode, error.code) ? byCode[error.code as ErrorCode] : genericSyntaxMessage;
}
