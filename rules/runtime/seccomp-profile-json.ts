// Runtime: a seccomp profile must be strict JSON. The container runtime parses the file with a JSON
// decoder: a comment (the seed article's `// Add more syscall rules here`), a trailing comma or a
// single-quoted string makes it refuse the profile, and every pod that names it fails to start.

import { parse, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { defineRule } from '../../server/src/engine';
import { profileKind } from './seccomp-profile';

const wording: Record<string, string> = {
  InvalidCommentToken: 'a comment, which JSON does not allow',
  InvalidSymbol: 'a character that is no JSON token',
  PropertyNameExpected: 'a comma before a closing brace, or a name without double quotes',
  ValueExpected: 'a comma before a closing bracket, or a missing value',
  CommaExpected: 'a missing comma',
  ColonExpected: 'a missing colon',
  CloseBraceExpected: 'a missing closing brace',
  CloseBracketExpected: 'a missing closing bracket',
  EndOfFileExpected: 'text after the end of the profile',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an escape JSON does not have',
  InvalidCharacter: 'a control character inside a string',
  UnexpectedEndOfString: 'a string without its closing quote',
};

export default defineRule({
  id: 'seccomp-profile-json',
  meta: {
    title: 'Seccomp profiles are strict JSON',
    description: 'The container runtime reads a seccomp profile with a JSON decoder: comments, trailing commas or unquoted names make it refuse the profile, and the pods that use it do not start.',
    category: 'runtime',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: [profileKind],
    scope: 'document',
    fix: 'none',
    messages: { notJson: 'the container runtime cannot read this profile: {what} (JSON)' },
    hint: 'Remove it: the runtime refuses the whole file, so every pod that names the profile fails with CreateContainerError.',
  },
  check(ctx) {
    const { root, document } = ctx.resource;
    // A profile is one JSON object: only the file's single document is read.
    if (ctx.file.documents.length !== 1 || document.index !== 0 || !root.range) return;
    const errors: ParseError[] = [];
    parse(ctx.file.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    // Every comment, and the first other error: after one, the parser's next errors are mostly its echoes.
    const comment = (e: ParseError) => printParseErrorCode(e.error) === 'InvalidCommentToken';
    const first = errors.find((e) => !comment(e));
    const [start, end] = [root.range[0], root.range[1]];
    for (const error of errors) {
      if (!comment(error) && error !== first) continue;
      const from = Math.min(Math.max(error.offset, start), end - 1);
      const to = Math.min(Math.max(from + Math.max(error.length, 1), from + 1), end);
      const what = wording[printParseErrorCode(error.error)] ?? 'text that is not JSON';
      ctx.report({ node: root, within: [from, to], messageId: 'notJson', data: { what } });
    }
  },
});
