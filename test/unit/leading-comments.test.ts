// A document's leading comments: those between its `---` (or the previous document's end) and its
// content, with CRLF, blank lines, directives and the file's first document without a marker.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { leadingComments, parseManifest, parseWhole } from '../../server/src/engine';

const texts = (text: string, index: number, parse?: typeof parseWhole) => leadingComments(parseManifest(text, undefined, parse), index).map((c) => c.text);

describe('leadingComments', () => {
  test('the comments after each marker belong to the document that follows', () => {
    const text = '---\n# Source: a/templates/one.yaml\napiVersion: v1\nkind: A\n---\n# Source: a/templates/two.yaml\napiVersion: v1\nkind: B\n';
    assert.deepEqual(texts(text, 0), ['Source: a/templates/one.yaml']);
    assert.deepEqual(texts(text, 1), ['Source: a/templates/two.yaml']);
  });

  test('offsets point at the #', () => {
    const text = 'a: 1\n---\n  # note\nb: 2\n';
    const [comment] = leadingComments(parseManifest(text), 1);
    assert.equal(text.slice(comment.offset, comment.offset + 6), '# note');
  });

  test('CRLF line ends, blank lines and several comments', () => {
    const text = '---\r\n# Copyright the authors\r\n\r\n# Source: c/templates/x.yaml\r\napiVersion: v1\r\nkind: A\r\n';
    assert.deepEqual(texts(text, 0), ['Copyright the authors', 'Source: c/templates/x.yaml']);
  });

  test('the first document needs no marker, and a comment above its marker is its own', () => {
    assert.deepEqual(texts('# Source: first.yaml\napiVersion: v1\n', 0), ['Source: first.yaml']);
    assert.deepEqual(texts('# header\n---\n# Source: s.yaml\napiVersion: v1\n', 0), ['header', 'Source: s.yaml']);
  });

  test('trailing comments of the previous document and comments inside the content are not leading', () => {
    const text = 'kind: A\n# trailing of A\n---\nkind: B\n# Source: inside.yaml\nname: b\n';
    assert.deepEqual(texts(text, 1), []);
    assert.deepEqual(texts(text, 1, parseWhole), []);
    assert.deepEqual(texts(text, 0), []);
  });

  test('a comment on the marker line, and a document without any', () => {
    assert.deepEqual(texts('a: 1\n--- # Source: m.yaml\nb: 2\n', 1), ['Source: m.yaml']);
    assert.deepEqual(texts('---\napiVersion: v1\n', 0), []);
    assert.deepEqual(texts('--- {a: 1}\n# later\n', 0), []);
  });

  test('an empty document keeps its comment to itself', () => {
    const text = '---\n# Source: empty.yaml\n---\nkind: B\n';
    assert.deepEqual(texts(text, 1), []);
  });

  test('files parsed whole (directives, ... ends) give the same answer', () => {
    const text = '%YAML 1.1\n---\n# Source: d.yaml\na: 1\n...\n---\n# Source: e.yaml\nb: 2\n';
    assert.deepEqual(texts(text, 0), ['Source: d.yaml']);
    assert.deepEqual(texts(text, 1), ['Source: e.yaml']);
    assert.deepEqual(texts('---\n# Source: w.yaml\na: 1\n---\n# Source: v.yaml\nb: 2\n', 1, parseWhole), ['Source: v.yaml']);
  });

  test('an index without a document gives nothing', () => {
    assert.deepEqual(texts('a: 1\n', 3), []);
  });
});
