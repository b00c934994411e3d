// A line index made from the previous version's must answer as one built from scratch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeBetween, LineIndex } from '../../server/src/engine';

test('an edited line index equals a fresh one', () => {
  let seed = 11;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const pieces = ['x', '\n', 'ab\ncd', '\r\n', '', 'line\n\n'];
  let text = 'a: 1\nb:\n  c: 2\n\nd: [1, 2]\n';
  let index = new LineIndex(text);
  for (let round = 0; round < 300; round++) {
    const at = random(text.length + 1);
    const removed = random(4);
    const next = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(Math.min(text.length, at + removed));
    const { start, oldEnd, inserted } = changeBetween(text, next);
    index = LineIndex.edited(index, next, start, oldEnd, inserted);
    const fresh = new LineIndex(next);
    assert.equal(index.lineCount, fresh.lineCount, `round ${round}`);
    for (let line = 0; line < fresh.lineCount; line++) assert.equal(index.lineStart(line), fresh.lineStart(line), `round ${round}, line ${line}`);
    text = next;
  }
});

test('a position is at an offset exactly when position() gives it for that offset', () => {
  const before = new LineIndex('a: 1\nbb: 2\n\ncc: 33');
  const after = new LineIndex('a: 1\nbb:\n 2\n\ncc: 33\n');
  for (const from of [before, after]) {
    for (let offset = 0; offset <= from.text.length; offset++) {
      const pos = from.position(offset);
      for (const index of [before, after]) {
        for (let other = -1; other <= index.text.length + 1; other++) {
          const same = other >= 0 && other <= index.text.length && index.position(other).line === pos.line && index.position(other).character === pos.character;
          assert.equal(index.at(pos, other), same, `${JSON.stringify(pos)} at ${other}`);
        }
      }
    }
  }
});
