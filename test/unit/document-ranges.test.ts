// documentRanges splits a file at its `---` lines by search, and tooManyDocuments counts them: the
// same markers as the regular expression (`^---(?=[ \t\r\n]|$)`, multiline, with JavaScript's line
// terminators), on seeded texts made of markers, near-markers and every kind of line break.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentRanges, tooManyDocuments } from '../../server/src/engine/parse';

function byExpression(text: string): Array<[number, number]> {
  const starts = [0];
  for (const match of text.matchAll(/^---(?=[ \t\r\n]|$)/gm)) if (match.index > 0) starts.push(match.index);
  return starts.map((start, i): [number, number] => [start, i + 1 < starts.length ? starts[i + 1] : text.length]);
}

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test('documentRanges and the document limit find the markers the marker expression finds', () => {
  const parts = ['---', '----', '--', '-', ' ', '\t', '\n', '\r', '\r\n', '\u2028', '\u2029', 'a: 1', '# c', '...', '--- x', '---\n'];
  const next = random(17);
  for (let round = 0; round < 5000; round++) {
    let text = '';
    const length = Math.floor(next() * 12);
    for (let i = 0; i < length; i++) text += parts[Math.floor(next() * parts.length)];
    const expected = byExpression(text);
    assert.deepEqual(documentRanges(text), expected, JSON.stringify(text));
    // The document limit counts the same markers.
    assert.equal(tooManyDocuments(text, expected.length), false, JSON.stringify(text));
    if (expected.length > 1) assert.equal(tooManyDocuments(text, expected.length - 1), true, JSON.stringify(text));
  }
  assert.deepEqual(documentRanges(''), [[0, 0]]);
  assert.deepEqual(documentRanges('---\na: 1\n---\nb: 2\n'), [
    [0, 9],
    [9, 18],
  ]);
});
