// Comments of YAML source, found by the yaml package's own lexer so that a `#` inside a quoted value
// or a block scalar is never taken for one. Fixes that remove lines keep the comments on them: a
// note the user wrote (`privileged: true  # needed for the CNI`) outlives the setting it was about.

import { Parser } from 'yaml';

interface SourceComment {
  offset: number;
  /** The comment as written, `#` included. */
  source: string;
}

// A fix, its preview and its idempotency check all read the same text: remember the last one.
let memo: { text: string; comments: SourceComment[] } | undefined;

/** Every comment of `text`, in order. */
export function commentsOf(text: string): readonly SourceComment[] {
  if (memo?.text === text) return memo.comments;
  const comments: SourceComment[] = [];
  const walk = (value: unknown): void => {
    if (value == null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      comments.push({ offset: token.offset, source: token.source });
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  // The parser keeps its own stack; the tokens nest no deeper than the input, which parseManifest bounds.
  for (const token of new Parser().parse(text)) walk(token);
  comments.sort((a, b) => a.offset - b.offset);
  memo = { text, comments };
  return comments;
}

/**
 * The comments inside [from, to) as lines of their own at `column`, each ending with `eol`: the text
 * that replaces removed lines so that none of their comments is lost. Empty when there are none.
 */
export function keptComments(text: string, from: number, to: number, column: number, eol: string): string {
  if (!text.slice(from, to).includes('#')) return '';
  const pad = ' '.repeat(column);
  return commentsOf(text)
    .filter((c) => c.offset >= from && c.offset < to)
    .map((c) => pad + c.source.trimEnd() + eol)
    .join('');
}
