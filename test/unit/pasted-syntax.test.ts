// Syntax errors caused by pasted characters are reported on the character, saying what it is, and
// replacing it with the ASCII character meant makes the YAML parse.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, parseManifest, pastedCause } from '../../server/src/engine';

const pod = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n${body}`;

const cases: Array<[string, string, string]> = [
  ['a no-break space after a key', pod('  name:\u00a0web\n  namespace: shop\n'), '\u00a0'],
  ['a narrow no-break space after the last key', pod('  namespace: shop\n  name:\u202fweb\n'), '\u202f'],
  ['an en dash for a list item', pod('  name: web\nspec:\n  containers:\n  \u2013 name: web\n    image: nginx\n'), '\u2013'],
  ['an em dash for a list item', pod('  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    args:\n    \u2014 one\n'), '\u2014'],
];

for (const [name, text, character] of cases) {
  test(`${name}: one problem, on the character, and the ASCII one parses`, () => {
    const problems = parseManifest(text).problems;
    assert.equal(problems.length, 1, JSON.stringify(problems));
    const [p] = problems;
    assert.equal(text.slice(p.offset, p.offset + p.length), character);
    const cause = pastedCause(text, p.offset)!;
    assert.equal(cause.message, p.message);
    const fixed = applyEdits(text, [{ offset: cause.offset, length: 1, text: cause.replacement }]);
    assert.deepEqual(parseManifest(fixed).problems, []);
  });
}

test('other syntax errors keep their own message; a no-break space inside a value is no syntax error', () => {
  assert.equal(pastedCause('a: "open\n', 3), undefined);
  assert.deepEqual(parseManifest(pod('  name: my\u00a0web\n')).problems, []);
});
