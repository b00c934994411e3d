// Fix-all and Harden at scale and in pieces: many fixes in one round, edits batched in one pass,
// documents re-parsed only when they changed, and Harden working on the hardened document alone.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, check, fixAll, harden, mergeConfig, parseManifest, Reparser, takeNonOverlapping } from '../../server/src/engine';
import { rules } from '../../rules';

const pss = rules.filter((r) => r.meta.pss);
const header = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n';
const privileged = (i: number) => `  - name: c${i}\n    image: nginx\n    securityContext:\n      privileged: true\n`;
const pod = (n: number, item: (i: number) => string) => header + Array.from({ length: n }, (_, i) => item(i)).join('');

describe('fix-all on a Pod with 2,000 privileged containers', () => {
  test('baseline: every privileged flag (and the securityContext it leaves empty) goes in one round', () => {
    const result = fixAll(pod(2000, privileged), { config: mergeConfig({ podSecurityLevel: 'baseline' }), rules: pss });
    assert.equal(
      result.text,
      pod(2000, (i) => `  - name: c${i}\n    image: nginx\n`),
    );
    assert.equal(result.rounds, 1);
    assert.deepEqual(result.remaining, []);
  });

  // allowPrivilegeEscalation: false waits for privileged: true to go (the API rejects the two together), hence its place.
  test('restricted: each container is hardened and the pod gets its securityContext, in a bounded number of rounds', () => {
    const result = fixAll(pod(2000, privileged), { config: mergeConfig({ podSecurityLevel: 'restricted' }), rules: pss });
    const hardened = (i: number) => `  - name: c${i}\n    image: nginx\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n      allowPrivilegeEscalation: false\n`;
    assert.equal(result.text, pod(2000, hardened) + '  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n    runAsNonRoot: true\n');
    assert.ok(result.rounds <= 10, `${result.rounds} rounds`);
    assert.deepEqual(result.remaining, []);
    assert.deepEqual(result.edits.length, 1);
  });
});

describe('applyEdits', () => {
  test('applies edits in any order, insertions at one offset before a replacement there, later insertions first', () => {
    const edits = [
      { offset: 4, length: 1, text: 'E' },
      { offset: 0, length: 0, text: '1' },
      { offset: 4, length: 0, text: 'a' },
      { offset: 4, length: 0, text: 'b' },
      { offset: 9, length: 0, text: '!' },
    ];
    assert.equal(applyEdits('0123456789', edits), '10123baE5678!9');
  });
  test('refuses overlapping edits', () => {
    assert.throws(
      () =>
        applyEdits('0123456789', [
          { offset: 2, length: 3, text: '' },
          { offset: 4, length: 2, text: '' },
        ]),
      /overlapping/,
    );
  });
});

describe('takeNonOverlapping', () => {
  test('keeps the first of touching fixes, a fix whose own edits touch, and identical fixes once', () => {
    const a = [
      { offset: 10, length: 5, text: '' },
      { offset: 15, length: 0, text: 'x' },
    ];
    const touchingA = [{ offset: 15, length: 0, text: 'y' }];
    const b = [{ offset: 30, length: 0, text: 'z' }];
    const inside = [{ offset: 12, length: 0, text: 'w' }];
    assert.deepEqual(takeNonOverlapping([a, touchingA, b, [...b], inside, [{ offset: 5, length: 4, text: '' }]]), [...a, ...b, { offset: 5, length: 4, text: '' }]);
  });
});

describe('Reparser', () => {
  test('reuses unchanged documents at their new offsets and matches a fresh parse', () => {
    const docs = ['a: 1\n', '---\nb: [2, 3]\n', '---\n# c\nc: {d: 4}\n'];
    const parser = new Reparser();
    parser.parse(docs.join(''));
    const edited = ['a: 100\n', docs[1], docs[2]].join('');
    const again = parser.parse(edited);
    const fresh = parseManifest(edited);
    assert.deepEqual(
      again.documents.map((d) => [d.index, d.doc.range, String(d.doc)]),
      fresh.documents.map((d) => [d.index, d.doc.range, String(d.doc)]),
    );
    assert.deepEqual(again.problems, fresh.problems);
  });
  test('judges a templated file as a whole, like parseManifest', () => {
    const text = 'a: 1\n---\n{{ .Values.x }}\n';
    assert.equal(new Reparser().parse(text).skipped, parseManifest(text).skipped);
  });
});

describe('Harden on one document of many', () => {
  const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: v\n';
  const deploy = (name: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n      - name: c\n        image: x\n`;
  const text = [other, deploy('one'), other, deploy('two'), other].join('---\n');
  const config = mergeConfig();

  test('with the parsed file given, hardens only the document under the cursor and names what it left, at offsets of the result', () => {
    const file = parseManifest(text);
    const result = harden(text, { config, rules, offset: text.indexOf('name: two'), file });
    assert.deepEqual(result.workloads, ['Deployment/two']);
    assert.equal(result.text, applyEdits(text, result.edits));
    assert.ok(result.text.startsWith([other, deploy('one'), other].join('---\n')));
    const parsedHere = harden(text, { config, rules, offset: text.indexOf('name: two') });
    assert.deepEqual([parsedHere.text, parsedHere.edits, parsedHere.cannotFix.map((f) => f.offset)], [result.text, result.edits, result.cannotFix.map((f) => f.offset)]);
    assert.deepEqual(
      result.cannotFix.map((f) => [f.ruleId, result.text.slice(f.offset, f.offset + f.length), f.documentIndex]),
      [['host-namespaces', 'true', 3]],
    );
  });

  test('the whole file: one edit per hardened document, and the same text as fixing each in turn', () => {
    const result = harden(text, { config, rules });
    assert.equal(result.edits.length, 2);
    assert.equal(result.text, applyEdits(text, result.edits));
    const findings = check(result.text, { config, rules: pss }).findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.resource.name]),
      [
        ['host-namespaces', 'one'],
        ['host-namespaces', 'two'],
      ],
    );
    assert.deepEqual(
      result.cannotFix.map((f) => [f.offset, f.documentIndex]),
      findings.map((f) => [f.offset, f.documentIndex]),
    );
  });
});
