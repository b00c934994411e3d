// Merge keys and aliases that once hung or fooled the engine: a merge-key bomb, many plain aliases
// (quadratic), a map merging its own ancestor (endless recursion) and an alias without an anchor.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { check, entriesOf, isMap, mergeConfig, nodeAt, parseManifest, plain, scalarValue, YAMLMap } from '../../server/src/engine';
import { syntaxMessage } from '../../server/src/engine/syntax-messages';
import { rules as catalog } from '../../rules';

// The runtime and images rules (which flag most fixtures' unpinned images and unset resources) are left
// out: this test is about the engine, and their findings would only lengthen every expected list.
const rules = catalog.filter((r) => r.meta.category !== 'runtime' && r.meta.category !== 'images');
const lint = (text: string, onRuleError?: (id: string, error: unknown) => void) => check(text, { config: mergeConfig(), rules, onRuleError });
const container = '{name: app, image: nginx, securityContext: {privileged: true}}';

/** The audit's bomb: each level merges the previous one nine times; 5 took 51 s, 6 minutes. */
export function mergeBomb(levels: number): string {
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bomb', '  annotations:', '    m0: &m0 {x: y}'];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `    m${i}: &m${i} {<<: [${Array(9)
        .fill(`*m${i - 1}`)
        .join(', ')}]}`,
    );
  lines.push(`spec: {<<: *m${levels}, containers: [${container}]}`);
  return lines.join('\n') + '\n';
}

const privileged = (text: string) => lint(text).findings.filter((f) => f.ruleId === 'privileged-container');

describe('merge keys', () => {
  test('a merge-key bomb of five levels (51 s before the fix) is checked at once, and its findings are kept', { timeout: 20_000 }, () => {
    const result = privileged(mergeBomb(5));
    assert.equal(result.length, 1);
  });

  test('the first source of a key wins, own keys override merged ones, repeated sources count once', () => {
    // (Not `y`: YAML 1.1 reads it as true.)
    const text = 'a: &a {p: 1, q: 1}\nb: &b {p: 2, r: 2}\nc: {<<: [*a, *b, *a], q: 3}\n';
    const file = parseManifest(text);
    const doc = file.documents[0].doc;
    const c = nodeAt(doc, doc.contents, ['c']) as YAMLMap;
    const entries = entriesOf(doc, c).map((p) => [scalarValue(p.key as never), scalarValue(p.value as never)]);
    assert.deepEqual(entries, [
      ['q', 3],
      ['p', 1],
      ['r', 2],
    ]);
    assert.equal(scalarValue(nodeAt(doc, c, ['p'])), 1);
  });

  test('merges of merges resolve as kubectl does', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nbase: &base {containers: [${container}]}\nmid: &mid {<<: *base, hostNetwork: false}\nspec: {<<: *mid}\n`;
    assert.equal(privileged(text).length, 1);
  });

  test('a spec that merges itself is checked without any rule failing', { timeout: 10_000 }, () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: self\nspec: &s\n  <<: *s\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      privileged: true\n';
    const failed: string[] = [];
    const result = lint(text, (id) => failed.push(id));
    assert.deepEqual(failed, []);
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'privileged-container' || f.ruleId === 'internal-error').map((f) => f.ruleId),
      ['privileged-container'],
    );
  });

  test('a map merging its ancestor ignores that merge', () => {
    const doc = parseManifest('a: &a\n  k: v\n  b: {<<: *a, own: 1}\n').documents[0].doc;
    const b = nodeAt(doc, doc.contents, ['a', 'b']);
    assert.ok(isMap(b));
    assert.deepEqual(
      entriesOf(doc, b).map((p) => scalarValue(p.key as never)),
      ['own'],
    );
  });

  test('merges that expand beyond the budget leave the document not checked, with the reason', { timeout: 20_000 }, () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}: v`).join(', ');
    const copies = Array.from({ length: 300 }, (_, i) => `  c${i}: {<<: *wide, own: ${i}}`).join('\n');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wide\nwide: &wide {${keys}}\ndata:\n${copies}\n`;
    const result = lint(text);
    assert.deepEqual(result.resources, []);
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.message]),
      [['not-checked', 'Document not checked: its merge keys (<<) expand to more than 200000 entries.']],
    );
  });
});

describe('aliases', () => {
  test('many plain aliases cost linear time', { timeout: 30_000 }, () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many', '  labels: &l {a: b}', 'data:'];
    for (let i = 0; i < 30_000; i++) lines.push(`  k${i}: *l`);
    const result = lint(lines.join('\n') + '\n');
    assert.deepEqual(result.problems, []);
  });

  test('an alias refers to the last anchor of its name before it', () => {
    const doc = parseManifest('a: &x 1\nb: *x\nc: &x 2\nd: *x\n').documents[0].doc;
    assert.deepEqual(
      ['b', 'd'].map((k) => scalarValue(nodeAt(doc, doc.contents, [k]))),
      [1, 2],
    );
  });

  test('an alias without an anchor is an error at the alias, and its line is left out of the check', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [${container}]\n  hostNetwork: *undefinedAnchor\n`;
    const result = lint(text);
    const at = text.indexOf('*undefinedAnchor');
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.offset, p.length, p.message]),
      [['yaml-syntax', at, '*undefinedAnchor'.length, 'Unknown alias: no anchor of that name precedes it']],
    );
    // Only what that line cannot change: the container's privileged value, nothing about hostNetwork.
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['privileged-container'],
    );
  });
});

describe('plain data', () => {
  test('a List of 3,000 NetworkPolicies sharing one anchor is checked in linear time (it took minutes)', { timeout: 30_000 }, () => {
    const items = Array.from(
      { length: 3000 },
      (_, i) =>
        `- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: np${i}, labels: *l}\n  spec: {podSelector: {matchLabels: *l}, ingress: [{from: [{podSelector: {matchLabels: *l}}]}]}`,
    );
    const text = `apiVersion: v1\nkind: List\nmetadata: {labels: &l {app: web}}\nitems:\n${items.join('\n')}\n`;
    const result = lint(text);
    assert.equal(result.resources.length, 3000);
  });

  test('applies merges and aliases, keeps __proto__ an own key, and gives up on alias bombs', () => {
    const text =
      'base: &b {a: 1, __proto__: {polluted: true}}\nm: {<<: *b, a: 2, list: [*b]}\n' +
      'x0: &x0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n' +
      Array.from({ length: 5 }, (_, i) => `x${i + 1}: &x${i + 1} [${Array(10).fill(`*x${i}`).join(', ')}]`).join('\n') +
      '\n';
    const doc = parseManifest(text).documents[0].doc;
    const m = plain(doc, nodeAt(doc, doc.contents, ['m'])) as Record<string, unknown>;
    assert.equal(JSON.stringify(m), '{"a":2,"list":[{"a":1,"__proto__":{"polluted":true}}],"__proto__":{"polluted":true}}');
    assert.equal(Object.getPrototypeOf(m), Object.prototype);
    assert.equal(plain(doc, nodeAt(doc, doc.contents, ['x5'])), undefined);
    assert.equal((plain(doc, nodeAt(doc, doc.contents, ['x1'])) as unknown[]).length, 10);
  });
});

describe('duplicate keys', () => {
  /** Our errors and those of the yaml package's own check (uniqueKeys), as [offset, message]. */
  const duplicateKeyErrors = (text: string) => {
    const parsed = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, merge: true, prettyErrors: false }) as unknown as Array<{ errors: Array<{ pos: number[]; message: string }> }>;
    return { ours: parseManifest(text).problems.map((p) => [p.offset, p.message]), theirs: parsed[0].errors.map((e) => [e.pos[0], syntaxMessage(e)]) };
  };

  test('are errors where the yaml package reports them, in block and flow maps and YAML 1.1 booleans', () => {
    const { ours, theirs } = duplicateKeyErrors('a: 1\nb: {x: 1, y: 2, x: 3}\nyes: 1\ntrue: 2\na: 4\n"<<": 5\n');
    assert.deepEqual(ours, theirs);
    assert.equal(ours.length, 3);
  });

  test('small maps and large ones (compared pairwise, or through a set) agree with the yaml package, NaN keys included', () => {
    const large = Array.from({ length: 12 }, (_, i) => `k${i % 10}: ${i}`).join('\n');
    const text = `${large}\n.nan: 1\n.nan: 2\n0x10: a\n16: b\nsmall: {a: 1, .nan: 2, .nan: 3, 1: x, 1.0: y}\n`;
    const { ours, theirs } = duplicateKeyErrors(text);
    assert.deepEqual(ours, theirs);
    assert.equal(ours.length, 4);
  });
});
