// Re-parsing one block mapping after an edit must give exactly what a fresh parse gives (nodes,
// values, ranges, errors), and must decline whenever the edit could change more than that mapping.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import { changeBetween, parseManifest, reparseBlock, shiftDocument } from '../../server/src/engine';

/** A CustomResourceDefinition-like document: a deep schema of many properties (about 12 lines each). */
function crd(properties: number): string {
  const props = Array.from(
    { length: properties },
    (_, i) => `              field${i}:
                description: Field ${i} of the spec; see the docs.
                properties:
                  name:
                    type: string
                  values:
                    items:
                      type: string
                    type: array
                required:
                - name
                type: object
`,
  ).join('');
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.example.com
spec:
  group: example.com
  versions:
  - name: v1
    schema:
      openAPIV3Schema:
        properties:
          spec:
            properties:
${props}            type: object
        type: object
`;
}

/** Every node's class, range and value, and the document's errors: equal strings mean equal parses. */
function shape(doc: Document.Parsed): string {
  const out: string[] = [JSON.stringify(doc.range)];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    if (node == null || typeof node !== 'object') {
      out.push(String(node));
      return;
    }
    const n = node as { constructor: { name: string }; range?: unknown; flow?: boolean };
    out.push(`${n.constructor.name}${JSON.stringify(n.range)}${n.flow ? ' flow' : ''}${isScalar(node) ? ` ${node.type} ${JSON.stringify(node.value)}` : ''}`);
    if (isMap(node) || isSeq(node)) node.items.forEach(walk);
  };
  walk(doc.contents);
  return [...out, ...doc.errors.map((e) => `${e.code}@${e.pos}`)].join('\n');
}

const parse = (text: string) => parseManifest(text).documents[0].doc;
const middle = (text: string, needle: string) => text.indexOf(needle, text.length / 2);

test('the span two texts differ in', () => {
  assert.deepEqual(changeBetween('abcdef', 'abXdef'), { start: 2, oldEnd: 3, inserted: 1 });
  assert.deepEqual(changeBetween('abcdef', 'abcdXef'), { start: 4, oldEnd: 4, inserted: 1 });
  assert.deepEqual(changeBetween('abcdef', 'abef'), { start: 2, oldEnd: 4, inserted: 0 });
  const long = 'x'.repeat(100_000);
  assert.deepEqual(changeBetween(long + 'a' + long, long + 'bb' + long), { start: 100_000, oldEnd: 100_001, inserted: 2 });
  // Repeated text: the common prefix is taken first, as a fresh comparison would.
  assert.deepEqual(changeBetween('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, inserted: 1 });
});

test('an edit inside a deep mapping re-parses only it, and equals a fresh parse', () => {
  let text = crd(200);
  const doc = parse(text);
  const edits: Array<(t: string) => string> = [
    // A character typed into a description, then removed.
    (t) => t.slice(0, middle(t, 'Field ') + 6) + '7' + t.slice(middle(t, 'Field ') + 6),
    (t) => t.replace(/Field 7(\d+) of the spec/, 'Field $1 of the spec'),
    // A new entry typed in full, and a value changed.
    (t) => t.slice(0, middle(t, '                  name:\n')) + '                  extra: {a: [1, 2]}\n' + t.slice(middle(t, '                  name:\n')),
    (t) => t.slice(0, middle(t, 'type: string')) + 'type: integer' + t.slice(middle(t, 'type: string') + 'type: string'.length),
    // A line deleted.
    (t) => t.slice(0, middle(t, '                - name\n')) + t.slice(middle(t, '                - name\n') + '                - name\n'.length),
  ];
  for (const [i, edit] of edits.entries()) {
    const next = edit(text);
    assert.notEqual(next, text);
    assert.equal(reparseBlock(doc, text, next, 0, 0), true, `edit ${i} re-parsed below the document`);
    assert.equal(shape(doc), shape(parse(next)), `edit ${i}`);
    text = next;
  }
});

test('offsets follow the document when it moves in the file', () => {
  const text = crd(50);
  // As the server holds each `---` document: parsed alone, then placed at its offset in the file.
  const base = 1000;
  const doc = parse(text);
  shiftDocument(doc, base);
  const at = middle(text, 'Field ') + 6;
  const next = text.slice(0, at) + '9' + text.slice(at);
  assert.equal(reparseBlock(doc, text, next, base, base + 3), true);
  const fresh = parse(next);
  shiftDocument(fresh, base + 3);
  assert.equal(shape(doc), shape(fresh));
});

test('edits that could change more than one mapping, or leave a syntax error, are declined', () => {
  const text = crd(100);
  const at = middle(text, '                  values:');
  const cases: Record<string, string> = {
    'a syntax error (a key without a value)': text.slice(0, at) + '                  oops\n' + text.slice(at),
    'an unclosed quote': text.slice(0, at) + '                  q: "open\n' + text.slice(at),
    'a line indented less than its mapping': text.slice(0, at) + '        loose: 1\n' + text.slice(at),
    'a duplicate key': text.slice(0, at) + '                  name: again\n' + text.slice(at),
    'an anchor': text.slice(0, at) + '                  a: &x 1\n' + text.slice(at),
    'a comment': text.slice(0, at) + '                  # note\n' + text.slice(at),
    'the kind': text.replace('kind: CustomResourceDefinition', 'kind: Pod'),
  };
  for (const [name, next] of Object.entries(cases)) {
    const doc = parse(text);
    const before = shape(doc);
    assert.equal(reparseBlock(doc, text, next, 0, 0), false, name);
    assert.equal(shape(doc), before, `${name}: the document is left as it was`);
  }
  // A document that already has an error is not trusted around the edit.
  const broken = text.slice(0, at) + '                  oops\n' + text.slice(at);
  const doc = parse(broken);
  assert.ok(doc.errors.length > 0);
  const fixed = broken.replace('oops\n', 'oops: 1\n');
  assert.equal(reparseBlock(doc, broken, fixed, 0, 0), false);
});
