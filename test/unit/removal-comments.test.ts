// Removal fixes keep every comment of the lines they remove (`privileged: true  # danger`), each on a
// line of its own at the removed entry's column, in block and flow style; outputs re-parse, and a
// second removal of the same path changes nothing.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, asMap, parseManifest, PathSegment, removeIn, removeSequenceItems, YAMLMap, YAMLSeq } from '../../server/src/engine';

type Target = { text: string; doc: ReturnType<typeof parseManifest>['documents'][0]['doc'] };

function edit(text: string, fn: (target: Target, root: YAMLMap) => ReturnType<typeof removeIn>): string {
  const doc = parseManifest(text).documents[0].doc;
  const out = applyEdits(text, fn({ text, doc }, asMap(doc.contents)!));
  assert.deepEqual(parseManifest(out).problems, [], `output does not parse:\n${out}`);
  return out;
}

/** Removes `path` and checks that doing it again on the output is a no-op. */
function remove(text: string, path: PathSegment[], keep = 0): string {
  const out = edit(text, (t, r) => removeIn(t, r, path, keep));
  assert.equal(
    edit(out, (t, r) => removeIn(t, r, path, keep)),
    out,
    'a second removal changes nothing',
  );
  return out;
}

describe('removals keep comments', () => {
  test('a trailing comment of a removed entry', () => {
    assert.equal(remove('sc:\n  privileged: true  # danger\n  runAsUser: 1\n', ['sc', 'privileged']), 'sc:\n  # danger\n  runAsUser: 1\n');
  });
  test('CRLF line endings', () => {
    assert.equal(remove('sc:\r\n  runAsUser: 1\r\n  privileged: true # danger\r\n', ['sc', 'privileged']), 'sc:\r\n  runAsUser: 1\r\n  # danger\r\n');
  });
  test('every comment of a removed block, at the entry column', () => {
    const text = 'spec:\n  sc:\n    # why\n    privileged: true # danger\n  other: 1\n';
    assert.equal(remove(text, ['spec', 'sc', 'privileged']), 'spec:\n  # why\n  # danger\n  other: 1\n');
  });
  test('a collection that must stay becomes {} and keeps the comments, and the note of its key', () => {
    assert.equal(remove('sc:\n  privileged: true # danger\n', ['sc', 'privileged'], 1), 'sc: {}\n  # danger\n');
    assert.equal(remove('sc:   # hardened\n  privileged: true\n', ['sc', 'privileged'], 1), 'sc: {} # hardened\n');
  });
  test('a block sequence item', () => {
    // An index names another item once the first is gone: no second removal here.
    assert.equal(
      edit('add:\n- SYS_ADMIN # danger\n- CHOWN\n', (t, r) => removeIn(t, r, ['add', 0])),
      'add:\n# danger\n- CHOWN\n',
    );
  });
  test('emptying the top-level map', () => {
    assert.equal(
      edit('add: [x] # note\n', (t, r) => removeIn(t, r, ['add'])),
      '{}\n# note\n',
    );
  });
  test('the first entry of a sequence item', () => {
    const out = edit('ports:\n  - hostPort: 80 # node LB\n    containerPort: 80\n', (t, r) => removeIn(t, r, ['ports', 0, 'hostPort']));
    assert.equal(out, 'ports:\n  # node LB\n  - containerPort: 80\n');
  });
  test('flow collections', () => {
    assert.equal(remove('sc: {privileged: true, # danger\n  runAsUser: 1}\n', ['sc', 'privileged']), 'sc: { # danger\n  runAsUser: 1}\n');
    assert.equal(remove('sc: {\n  privileged: true # danger\n}\n', ['sc', 'privileged'], 1), 'sc: {\n  # danger\n}\n');
    const list = 'add: [\n  CHOWN, # kept\n  SYS_ADMIN, # danger\n  NET_RAW\n]\n';
    const out = edit(list, (t, r) => removeSequenceItems(t, r.get('add', true) as unknown as YAMLSeq, [1, 2]));
    assert.equal(out, 'add: [\n  CHOWN, # kept\n   # danger\n  \n]\n');
  });
  test('a # inside a quoted value or a block scalar is no comment', () => {
    assert.equal(remove('a: "x # y"\nb: |\n  z # w\nc: 1\n', ['a']), 'b: |\n  z # w\nc: 1\n');
    assert.equal(remove('a: 1\nb: |\n  z # w\nc: 1\n', ['b']), 'a: 1\nc: 1\n');
  });
  test('no comment, no change in behaviour', () => {
    assert.equal(remove('sc:\n  privileged: true\n  runAsUser: 1\n', ['sc', 'privileged']), 'sc:\n  runAsUser: 1\n');
    assert.equal(remove('sc: {privileged: true, runAsUser: 1}\n', ['sc', 'privileged']), 'sc: {runAsUser: 1}\n');
  });
});
