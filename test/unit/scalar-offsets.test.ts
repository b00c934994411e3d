// Each character of a scalar's value maps to where it stands in the source, in every scalar style;
// a value the mapping cannot rebuild exactly gives no map (the rule then reports on the whole value).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isScalar, parseDocument, Scalar } from 'yaml';
import { scalarOffsets } from '../../server/src/engine';

function mapped(yaml: string): { value: string; map: number[] | undefined; text: string } {
  const text = `key: ${yaml}`;
  const node = parseDocument(text).get('key', true) as Scalar;
  assert.ok(isScalar(node));
  return { value: String(node.value), map: scalarOffsets(text, node), text };
}

/** Characters that are not escapes or folded breaks stand at their own place. */
function assertLiteralChars(yaml: string, expected: string): void {
  const { value, map, text } = mapped(yaml);
  assert.equal(value, expected);
  assert.ok(map, `no map for ${yaml}`);
  assert.equal(map.length, value.length + 1);
  for (let i = 0; i < value.length; i++) if (/[a-z0-9=.]/.test(value[i])) assert.equal(text[map[i]], value[i], `char ${i} of ${JSON.stringify(value)}`);
}

describe('scalar offsets', () => {
  const cases: Array<[string, string, string]> = [
    ['plain', 'a.b == 1', 'a.b == 1'],
    ['plain folded over lines', 'a.b ==\n  1 &&\n\n  c', 'a.b == 1 &&\nc'],
    ['single-quoted with a doubled quote', "'a == ''x'' && b'", "a == 'x' && b"],
    ['double-quoted with escapes', '"a == \\"x\\" &&\\tb \\u00e9 c"', 'a == "x" &&\tb é c'],
    ['double-quoted with an escaped line break', '"a ==\\\n  1"', 'a ==1'],
    ['double-quoted folded', '"a ==\n  1"', 'a == 1'],
    ['literal block', '|\n  a.b\n    == 1\n', 'a.b\n  == 1\n'],
    ['literal block, strip', '|-\n  a.b\n\n  c\n\n', 'a.b\n\nc'],
    ['literal block, keep', '|+\n  a\n\n', 'a\n\n'],
    ['folded block', '>\n  a.b\n  == 1\n\n  c\n', 'a.b == 1\nc\n'],
    ['folded block with a more-indented line', '>-\n  a\n    b\n  c\n', 'a\n  b\nc'],
    ['literal block with an explicit indentation indicator', '|2\n   a\n', ' a\n'],
  ];
  for (const [name, yaml, value] of cases) test(name, () => assertLiteralChars(yaml, value));

  test('a number is not a string', () => {
    const text = 'key: 12';
    assert.equal(scalarOffsets(text, parseDocument(text).get('key', true) as Scalar), undefined);
  });
});
