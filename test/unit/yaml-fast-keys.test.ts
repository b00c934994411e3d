// The fast reader gives recurring keys one string each (keyText): the strings it keeps must not keep
// the text they were read from, which V8 does for a slice of 13 characters or more.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifest } from '../../server/src/engine';
import { heapUsed } from '../helpers/heap';

test('a long key read from a large file keeps no part of the file alive', () => {
  const read = (i: number) => {
    // Every file has keys of its own, long enough to be slices, and 4 MB of text around them.
    const filler = `  note: ${'x'.repeat(4 * 1024 * 1024)}\n`;
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big-${i}\ndata:\n  uniqueLongKeyNumber${i}: "1"\n${filler}`;
    const parsed = parseManifest(text);
    assert.ok(parsed.documents.length === 1 && parsed.problems.length === 0, 'read as one document');
  };
  // The last file read may stay in a cache: the first is read before the measure.
  read(0);
  const before = heapUsed();
  for (let i = 1; i <= 3; i++) read(i);
  const grown = (heapUsed() - before) / 1048576;
  assert.ok(grown < 2, `the heap grew by ${grown.toFixed(1)} MB after three more 4 MB files were read and dropped`);
});

test('keys read once are the same keys after', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  terminationMessagePolicy: File\n';
  const first = parseManifest(text).documents[0].doc.toJS();
  const second = parseManifest(text).documents[0].doc.toJS();
  assert.deepEqual(second, first);
  assert.deepEqual(Object.keys(first.data), ['terminationMessagePolicy']);
});
