// The Kubernetes regex library: `find` and `findAll` with the semantics of Go's regexp (RE2 syntax,
// leftmost-first; an empty match right after the previous match is skipped, as FindAllString does).
// Patterns are translated to JavaScript's RegExp, which agrees with RE2 on the syntax policies use;
// the RE2-only forms translated are the leading flag group `(?i)`/`(?s)`/`(?m)`, `(?P<name>…)`, `\A` and
// `\z`. A pattern JavaScript cannot compile is an evaluation error, never a guess.

import { celMethod, CelScalar, listType } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';

const { STRING, INT } = CelScalar;

const compiled = new Map<string, RegExp>();

/** The RegExp of an RE2 pattern, global so that `findAll` can walk it; cached per pattern. */
export function re2(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  let source = pattern;
  let flags = 'g';
  const leading = /^\(\?([ims]+)\)/.exec(source);
  if (leading) {
    flags += [...new Set(leading[1])].join('');
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])');
  try {
    re = new RegExp(source, flags + 'u');
  } catch {
    try {
      re = new RegExp(source, flags);
    } catch (error) {
      throw new Error(`invalid regex '${pattern}': ${(error as Error).message}`);
    }
  }
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** Go's FindAllString: at most `limit` matches (all when negative). */
export function findAll(text: string, pattern: string, limit = -1): string[] {
  const re = re2(pattern);
  const out: string[] = [];
  let previousEnd = -1;
  re.lastIndex = 0;
  while (limit < 0 || out.length < limit) {
    const match = re.exec(text);
    if (!match) break;
    const end = match.index + match[0].length;
    if (match[0].length === 0) {
      re.lastIndex = match.index + (text.codePointAt(match.index)! > 0xffff ? 2 : 1);
      if (match.index === previousEnd) {
        if (match.index >= text.length) break;
        continue;
      }
    }
    out.push(match[0]);
    previousEnd = end;
    if (end >= text.length && match[0].length === 0) break;
  }
  return out;
}

export const regex: CelFunc[] = [
  celMethod('find', STRING, [STRING], STRING, function (pattern) {
    return findAll(this, pattern, 1)[0] ?? '';
  }),
  celMethod('findAll', STRING, [STRING], listType(STRING), function (pattern) {
    return findAll(this, pattern);
  }),
  celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (pattern, limit) {
    return findAll(this, pattern, Number(limit));
  }),
];
