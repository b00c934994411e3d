// The minimal-edit helpers: indentation, block and flow styles, comments, CRLF, and removal cascades.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, appendToSequence, asMap, parseManifest, removeIn, setIn, YAMLMap } from '../../server/src/engine';

function edit(text: string, fn: (target: { text: string; doc: ReturnType<typeof parseManifest>['documents'][0]['doc'] }, root: YAMLMap) => ReturnType<typeof setIn>): string {
  const file = parseManifest(text);
  const doc = file.documents[0].doc;
  const out = applyEdits(text, fn({ text, doc }, asMap(doc.contents)!));
  assert.deepEqual(parseManifest(out).problems, [], `output does not parse:\n${out}`);
  return out;
}

describe('setIn', () => {
  test("inserts after the last entry with the neighbours' indentation", () => {
    assert.equal(
      edit('a: 1\nb:\n    c: 2 # keep\n', (t, r) => setIn(t, r, ['b', 'd'], true)),
      'a: 1\nb:\n    c: 2 # keep\n    d: true\n',
    );
  });
  test("creates missing maps with the document's indentation unit", () => {
    assert.equal(
      edit('spec:\n    x: 1\n', (t, r) => setIn(t, r, ['spec', 'securityContext', 'runAsNonRoot'], true)),
      'spec:\n    x: 1\n    securityContext:\n        runAsNonRoot: true\n',
    );
  });
  test('keeps flow style', () => {
    assert.equal(
      edit('sc: {a: 1}\n', (t, r) => setIn(t, r, ['sc', 'b'], 'RuntimeDefault')),
      'sc: {a: 1, b: RuntimeDefault}\n',
    );
    assert.equal(
      edit('sc: {}\n', (t, r) => setIn(t, r, ['sc', 'b'], false)),
      'sc: {b: false}\n',
    );
    assert.equal(
      edit('sc: { }\n', (t, r) => setIn(t, r, ['sc', 'p', 'type'], 'RuntimeDefault')),
      'sc: {p: {type: RuntimeDefault} }\n',
    );
  });
  test('fills a key that has no value, keeping its comment', () => {
    assert.equal(
      edit('sc: # todo\nz: 1\n', (t, r) => setIn(t, r, ['sc', 'a'], false)),
      'sc: # todo\n  a: false\nz: 1\n',
    );
  });
  test('replaces a scalar in place and keeps its quotes', () => {
    assert.equal(
      edit('a: "Unconfined" # c\n', (t, r) => setIn(t, r, ['a'], 'RuntimeDefault')),
      'a: "RuntimeDefault" # c\n',
    );
    assert.equal(
      edit("a: 'x'\n", (t, r) => setIn(t, r, ['a'], 'y')),
      "a: 'y'\n",
    );
  });
  test('does nothing when the value is already set', () => {
    assert.equal(
      edit('a: false\n', (t, r) => setIn(t, r, ['a'], false)),
      'a: false\n',
    );
  });
  test('keeps CRLF line endings', () => {
    assert.equal(
      edit('a:\r\n  b: 1\r\n', (t, r) => setIn(t, r, ['a', 'c'], 2)),
      'a:\r\n  b: 1\r\n  c: 2\r\n',
    );
  });
  test('adds a final line break where the file has none', () => {
    assert.equal(
      edit('a:\n  b: 1', (t, r) => setIn(t, r, ['a', 'c'], 2)),
      'a:\n  b: 1\n  c: 2\n',
    );
  });
  test('quotes strings that would change type', () => {
    assert.equal(
      edit('a: {}\n', (t, r) => setIn(t, r, ['a', 'b'], 'true')),
      'a: {b: "true"}\n',
    );
    assert.equal(
      edit('a: {}\n', (t, r) => setIn(t, r, ['a', 'b'], '0755')),
      'a: {b: "0755"}\n',
    );
  });
  test('inserts into the map of a sequence item at the key column', () => {
    assert.equal(
      edit('c:\n- name: a\n  image: x\n- name: b\n', (t, r) => setIn(t, asMap(r.getIn(['c', 0], true))!, ['securityContext', 'privileged'], false)),
      'c:\n- name: a\n  image: x\n  securityContext:\n    privileged: false\n- name: b\n',
    );
  });
});

describe('appendToSequence', () => {
  test('block sequences keep their dash column', () => {
    assert.equal(
      edit('caps:\n  drop:\n    - NET_RAW\n', (t, r) => appendToSequence(t, r, ['caps', 'drop'], ['ALL'])),
      'caps:\n  drop:\n    - NET_RAW\n    - ALL\n',
    );
  });
  test('flow sequences stay flow', () => {
    assert.equal(
      edit('caps: {drop: [NET_RAW]}\n', (t, r) => appendToSequence(t, r, ['caps', 'drop'], ['ALL'])),
      'caps: {drop: [NET_RAW, ALL]}\n',
    );
    assert.equal(
      edit('drop: []\n', (t, r) => appendToSequence(t, r, ['drop'], ['ALL'])),
      'drop: [ALL]\n',
    );
  });
  test("creates the sequence in the document's sequence style", () => {
    assert.equal(
      edit('l:\n- a\nc:\n  x: 1\n', (t, r) => appendToSequence(t, r, ['c', 'drop'], ['ALL'])),
      'l:\n- a\nc:\n  x: 1\n  drop:\n  - ALL\n',
    );
    assert.equal(
      edit('l:\n  - a\nc:\n  x: 1\n', (t, r) => appendToSequence(t, r, ['c', 'drop'], ['ALL'])),
      'l:\n  - a\nc:\n  x: 1\n  drop:\n    - ALL\n',
    );
  });
});

describe('appendToSequence with map items', () => {
  test('a map item is written in flow style, in block and flow sequences and a new one', () => {
    assert.equal(
      edit('volumes:\n- name: a\n  emptyDir: {}\n', (t, r) => appendToSequence(t, r, ['volumes'], [{ name: 'tmp', emptyDir: {} }])),
      'volumes:\n- name: a\n  emptyDir: {}\n- {name: tmp, emptyDir: {}}\n',
    );
    assert.equal(
      edit('volumes: [{name: a}]\n', (t, r) => appendToSequence(t, r, ['volumes'], [{ name: 'tmp' }])),
      'volumes: [{name: a}, {name: tmp}]\n',
    );
    assert.equal(
      edit('spec:\n  x: 1\n', (t, r) => appendToSequence(t, r, ['spec', 'volumes'], [{ name: 'tmp' }])),
      'spec:\n  x: 1\n  volumes:\n  - {name: tmp}\n',
    );
  });
});

describe('removeIn', () => {
  test('removes a middle entry and its line only, keeping its comment on a line of its own', () => {
    assert.equal(
      edit('a: 1\nb: 2 # kept\nc: 3\n', (t, r) => removeIn(t, r, ['b'])),
      'a: 1\n# kept\nc: 3\n',
    );
  });
  test('removes a nested block value entirely', () => {
    assert.equal(
      edit('a:\n  b:\n    c: 1\n  d: 2\n', (t, r) => removeIn(t, r, ['a', 'b'])),
      'a:\n  d: 2\n',
    );
  });
  test('an emptied parent goes too, up to what must stay', () => {
    assert.equal(
      edit('c:\n  name: x\n  sc:\n    privileged: true\n', (t, r) => removeIn(t, r, ['c', 'sc', 'privileged'])),
      'c:\n  name: x\n',
    );
  });
  test('the first entry of a sequence item leaves the dash to the next one', () => {
    assert.equal(
      edit('ports:\n- hostPort: 80\n  containerPort: 80\n', (t, r) => removeIn(t, r, ['ports', 0, 'hostPort'])),
      'ports:\n- containerPort: 80\n',
    );
  });
  test('removing the only entry of the only item removes the list', () => {
    assert.equal(
      edit('x: 1\nports:\n- hostPort: 80\n', (t, r) => removeIn(t, r, ['ports', 0, 'hostPort'])),
      'x: 1\n',
    );
  });
  test('flow collections', () => {
    assert.equal(
      edit('a: {b: 1, c: 2}\n', (t, r) => removeIn(t, r, ['a', 'c'])),
      'a: {b: 1}\n',
    );
    assert.equal(
      edit('a: {b: 1, c: 2}\n', (t, r) => removeIn(t, r, ['a', 'b'])),
      'a: {c: 2}\n',
    );
    assert.equal(
      edit('a: [x, y, z]\n', (t, r) => removeIn(t, r, ['a', 1])),
      'a: [x, z]\n',
    );
  });
  test('keeps the comments of other entries and CRLF', () => {
    assert.equal(
      edit('# head\r\na: 1 # one\r\nb: 2\r\n', (t, r) => removeIn(t, r, ['b'])),
      '# head\r\na: 1 # one\r\n',
    );
  });
  test('a root collection that must stay becomes empty', () => {
    assert.equal(
      edit('a:\n  b: 1\n', (t, r) => removeIn(t, r, ['a', 'b'], 1)),
      'a: {}\n',
    );
  });
});

describe('following the surroundings', () => {
  test('a key merged in with << is edited where it is defined, not shadowed', () => {
    const text = 'base: &b\n  sc:\n    privileged: true\nc:\n  <<: *b\n  name: x\n';
    assert.equal(
      edit(text, (t, r) => setIn(t, asMap(r.getIn(['c'], true))!, ['sc', 'runAsNonRoot'], true)),
      'base: &b\n  sc:\n    privileged: true\n    runAsNonRoot: true\nc:\n  <<: *b\n  name: x\n',
    );
  });
  test('JSON-style flow maps get JSON-style entries, on their own line when the neighbours are', () => {
    const text = '{\n  "a": {"x": 1},\n  "b": [1]\n}\n';
    assert.equal(
      edit(text, (t, r) => setIn(t, r, ['sc', 'type'], 'RuntimeDefault')),
      '{\n  "a": {"x": 1},\n  "b": [1],\n  "sc": {"type":"RuntimeDefault"}\n}\n',
    );
  });
  test('an appended item is quoted like its siblings', () => {
    assert.equal(
      edit('drop: ["NET_RAW"]\n', (t, r) => appendToSequence(t, r, ['drop'], ['ALL'])),
      'drop: ["NET_RAW", "ALL"]\n',
    );
    assert.equal(
      edit('drop:\n- "NET_RAW"\n', (t, r) => appendToSequence(t, r, ['drop'], ['ALL'])),
      'drop:\n- "NET_RAW"\n- "ALL"\n',
    );
  });
});
