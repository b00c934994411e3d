// The server's incremental analysis must agree with a whole-file check: same findings at the same
// offsets, after every kind of edit, on the real-world corpus. Also: a throwing rule is isolated.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Diagnostic } from 'vscode-languageserver';
import { check, defineRule, documentRanges as split, extractText, Finding, LineIndex, mergeConfig } from '../../server/src/engine';
import { findingToDiagnostic, findingsToDiagnostics } from '../../server/src/lsp/convert';
import { rules } from '../../rules';
import { workspaceOf } from '../helpers/workspace';
import { DocumentAnalyzer } from '../../server/src/lsp/analysis';

const corpus = resolve(__dirname, '../../../shared/reference/corpus');
const config = mergeConfig();

function signature(findings: Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}@${f.offset}+${f.length} #${f.documentIndex} ${f.message}`);
}

test('documents are split at --- markers only at column 0', () => {
  const text = 'a: 1\n---\nb: |\n  --- not a marker\n---  # comment\nc: 3\n----\n';
  const second = text.indexOf('---  #');
  assert.deepEqual(split(text), [
    [0, 5],
    [5, second],
    [second, text.length],
  ]);
});

test('incremental analysis equals a whole-file check after edits', { skip: !existsSync(corpus) && 'no corpus' }, () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.yaml') && statSize(join(corpus, f)) < 300_000);
  assert.ok(files.length >= 5);
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const edits = [
    (t: string, at: number) => t.slice(0, at) + 'x' + t.slice(at),
    (t: string, at: number) => t.slice(0, at) + t.slice(at + 1),
    (t: string, at: number) => t.slice(0, at) + '\n---\n' + t.slice(at),
    (t: string, at: number) => t.slice(0, at) + '\n      securityContext: {privileged: true}\n' + t.slice(at),
    (t: string, at: number) => t.slice(0, at) + t.slice(t.indexOf('\n---', at + 1) + 1 || at),
  ];
  for (const name of files) {
    let text = readFileSync(join(corpus, name), 'utf8');
    const analyzer = new DocumentAnalyzer();
    for (let round = 0; round < 10; round++) {
      const got = analyzer.analyze(text, { config, rules, key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true });
      const want = check(text, { config, rules });
      assert.deepEqual(signature(got.findings), signature(want.findings), `${name} after ${round} edits`);
      assert.deepEqual(
        got.problems.map((p) => p.code),
        want.problems.map((p) => p.code),
      );
      // Fixes computed on the incremental tree edit the same text as on a fresh parse.
      const fixable = got.findings.find((f) => f.fix);
      if (fixable) {
        const fresh = want.findings.find((f) => f.offset === fixable.offset && f.ruleId === fixable.ruleId)!;
        assert.deepEqual(fixable.fix!.apply(got.file), fresh.fix!.apply(want.file));
      }
      text = edits[random(edits.length)](text, random(text.length));
    }
  }
});

test('a rule that throws is reported and the other rules still run', () => {
  const broken = defineRule({
    id: 'broken',
    meta: { title: 'Broken', description: 'Throws.', category: 'test', severity: 'error', equivalents: 'none', compliance: 'none', kinds: 'workload', scope: 'document', fix: 'none', messages: {} },
    check() {
      throw new Error('boom');
    },
  });
  const failures: string[] = [];
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x\n      securityContext: {privileged: true}\n';
  const result = new DocumentAnalyzer().analyze(text, { config, rules: [broken, ...rules], key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true, onRuleError: (id) => failures.push(id) });
  assert.deepEqual(failures, ['broken']);
  assert.ok(result.findings.some((f) => f.ruleId === 'privileged-container'));
  const [failure] = result.findings.filter((f) => f.ruleId === 'internal-error');
  assert.equal(failure.failedRule, 'broken');
  const diagnostic = findingToDiagnostic(new LineIndex(text), failure);
  assert.deepEqual([diagnostic.code, diagnostic.severity, diagnostic.range.start], ['internal-error', 2, { line: 2, character: 17 }]);
  assert.match(String(diagnostic.message), /could not check rule broken on this resource/);
});

test('a workspace rule that throws keeps its internal-error finding across incremental analyses', () => {
  const broken = defineRule({
    id: 'broken-workspace',
    meta: {
      title: 'Broken',
      description: 'Throws.',
      category: 'test',
      severity: 'error',
      kinds: 'workload',
      scope: 'workspace',
      reads: ['Namespace'],
      fix: 'none',
      messages: {},
      equivalents: 'none',
      compliance: 'none',
    },
    check() {
      throw new Error('boom');
    },
  });
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x\n';
  const analyzer = new DocumentAnalyzer();
  const options = { config, rules: [broken, ...rules], key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true };
  for (const version of [text, text + '---\n' + text.replace('name: p', 'name: q')]) {
    const failed = analyzer
      .analyze(version, options)
      .findings.filter((f) => f.ruleId === 'internal-error')
      .map((f) => f.resource.name);
    assert.deepEqual(failed, version === text ? ['p'] : ['p', 'q']);
  }
});

describe('a suppression comment above --- (issue 17, defect 8)', () => {
  // The whole Pod sits on the `---` line, so the comment on the line above applies to it, though it is
  // part of the previous document's text.
  const pod = '--- {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: nginx:1.25, securityContext: {privileged: true}}]}}\n';
  const comment = '# kube-harden-ignore privileged-container network-ingress-isolation\n';
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
  const suppressed = ['privileged-container', 'network-ingress-isolation'];
  const options = () => ({ config, rules, key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true });
  const cases = {
    'at the end of the previous document': [configMap + comment + pod, configMap + pod],
    'at the start of the file': [comment + pod, pod],
  };
  for (const [where, [commented, plain]] of Object.entries(cases)) {
    for (const [edit, from, to] of [
      ['deleted', commented, plain],
      ['inserted', plain, commented],
    ]) {
      test(`${where}, ${edit}: the incremental result equals a fresh analysis`, () => {
        const analyzer = new DocumentAnalyzer();
        analyzer.analyze(from, options());
        const got = analyzer.analyze(to, options()).findings;
        const want = new DocumentAnalyzer().analyze(to, options()).findings;
        assert.deepEqual(signature(got), signature(want));
        const reported = suppressed.filter((id) => got.some((f) => f.ruleId === id));
        assert.deepEqual(reported, to === plain ? suppressed : []);
      });
    }
  }
});

/** A large document (a CRD-like schema of `properties` entries) between two workloads. */
function withLargeDocument(properties: number): string {
  const props = Array.from(
    { length: properties },
    (_, i) => `            field${i}:\n              description: Field ${i}.\n              properties:\n                name:\n                  type: string\n              type: object\n`,
  ).join('');
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n    - name: a\n      image: x\n      securityContext: {privileged: true}\n`;
  const large = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: y\n        securityContext:\n          privileged: true\n  versions:\n  - name: v1\n    schema:\n      openAPIV3Schema:\n        properties:\n${props}        type: object\n`;
  return `${pod('before')}---\n${large}---\n${pod('after')}`;
}

test('edits inside a large document, re-parsed below the document, give what a fresh check gives', () => {
  const analyzer = new DocumentAnalyzer();
  const options = { config, rules, key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true };
  const problems = (list: { offset: number; length: number; message: string; code: string }[]) => list.map((p) => `${p.code}@${p.offset}+${p.length} ${p.message}`);
  let text = withLargeDocument(300);
  const documentOf = (result: ReturnType<DocumentAnalyzer['analyze']>) => result.file.documents[1].doc;
  let previous = documentOf(analyzer.analyze(text, options));
  const at = (needle: string) => text.indexOf(needle, text.length / 2);
  const crdKind = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition';
  const steps: Array<{ name: string; edit: () => string; reused: boolean }> = [
    { name: 'a character typed in the middle', edit: () => text.slice(0, at('Field ') + 6) + '1' + text.slice(at('Field ') + 6), reused: true },
    { name: 'a syntax error typed in the middle', edit: () => text.slice(0, at('                name:')) + '                oops\n' + text.slice(at('                name:')), reused: false },
    { name: 'the error mended', edit: () => text.replace('                oops\n', '                oops: 1\n'), reused: false },
    { name: 'another character', edit: () => text.replace('oops: 1', 'oops: 12'), reused: true },
    { name: 'the kind changed to a workload', edit: () => text.replace(crdKind, 'apiVersion: apps/v1\nkind: Deployment'), reused: false },
    { name: 'a character in its pod template', edit: () => text.replace('image: y', 'image: yz'), reused: true },
    { name: 'and back to a CRD', edit: () => text.replace('apiVersion: apps/v1\nkind: Deployment', crdKind), reused: false },
  ];
  for (const step of steps) {
    text = step.edit();
    const got = analyzer.analyze(text, options);
    const want = check(text, { config, rules });
    assert.deepEqual(signature(got.findings), signature(want.findings), step.name);
    assert.deepEqual(problems(got.problems), problems(want.problems), step.name);
    // Re-parsing below the document keeps the document's tree (its untouched nodes) from the previous version.
    assert.equal(documentOf(got) === previous, step.reused, `${step.name}: ${step.reused ? 'updated in place' : 'parsed anew'}`);
    previous = documentOf(got);
    // The steps do what they mean to: an error reported inside the large document, and its workload findings while it is one.
    const inLarge = (offset: number) => offset > text.indexOf('\n---\n') && offset < text.lastIndexOf('\n---\n');
    if (step.name.includes('syntax error')) assert.ok(got.problems.some((p) => p.code === 'yaml-syntax' && inLarge(p.offset)));
    const privileged = got.findings.some((f) => f.ruleId === 'privileged-container' && inLarge(f.offset));
    assert.equal(privileged, step.name.includes('workload') || step.name.includes('pod template'), step.name);
  }
});

test('the workspace model holds the facts a fresh extraction gives, positions included, as edits move them', () => {
  const model = workspaceOf();
  const analyzer = new DocumentAnalyzer();
  const file = '/ws/shop.yaml';
  const options = { config, rules, key: 'k', model, file, shared: true };
  const deployment = (name: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels: {app: ${name}}\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: c\n        image: x\n`;
  const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: {app: web}\n';
  let text = [deployment('web'), policy, deployment('api'), policy.replace(/web/g, 'api')].join('---\n');
  const edits = [
    // Facts unchanged, positions of everything after moved: the model's own objects are moved.
    (t: string) => t.replace('image: x', 'image: xy'),
    (t: string) => t.replace('  namespace: shop\n', '  namespace: shop\n  # a comment\n  # and another\n'),
    // Inside a document, before every position it declares.
    (t: string) => t.replace('---\napiVersion: apps/v1\nkind: Deployment', '---\n# a comment\napiVersion: apps/v1\nkind:   Deployment'),
    (t: string) => t.replace('image: xy', 'image: x'),
    // Facts changed: a label, a document added before the others, one removed.
    (t: string) => t.replace('matchLabels: {app: web}', 'matchLabels: {app: api}'),
    (t: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n${t}`,
    (t: string) => t.slice(t.indexOf('---\n') + 4),
    (t: string) => t.replace('# a comment\n', ''),
  ];
  const plain = (entry: ReturnType<typeof model.get>) => JSON.parse(JSON.stringify({ resources: entry?.resources, facts: [...(entry?.facts ?? [])] }));
  analyzer.analyze(text, options);
  for (const [i, edit] of edits.entries()) {
    text = edit(text);
    analyzer.analyze(text, options);
    assert.deepEqual(plain(model.get(file)), plain(extractText(file, text, model.extractorList)), `after edit ${i}`);
  }
});

function statSize(path: string): number {
  return readFileSync(path).length;
}

test('a document re-parsed below its root and then moved has every node at its fresh place', () => {
  const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
  const second = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: b',
    'spec:',
    '  containers:',
    '  - name: app',
    '    image: nginx:1.25',
    '    securityContext:',
    '      privileged: true',
    '      runAsUser: 1000',
    '',
  ].join('\n');
  const options = { config, rules, key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true };
  const analyzer = new DocumentAnalyzer();
  let text = `${first}---\n${second}`;
  const doc = analyzer.analyze(text, options).file.documents[1].doc;
  // An edit inside the second document's securityContext: the same tree, changed below its root.
  text = text.replace('runAsUser: 1000', 'runAsUser: 10001');
  assert.equal(analyzer.analyze(text, options).file.documents[1].doc, doc, 'the block re-parse kept the tree');
  // Then an edit in the first document moves the second, new nodes and old alike.
  for (const edited of [text.replace('name: a', 'name: abc'), text.replace('name: a', 'name: '), text.replace('kind: ConfigMap\n', 'kind: ConfigMap\n# note\n')]) {
    const got = analyzer.analyze(edited, options);
    const want = check(edited, { config, rules });
    assert.deepEqual(rangesOf(got.file.documents[1].doc.contents), rangesOf(want.file.documents[1].doc.contents));
    assert.deepEqual(signature(got.findings), signature(want.findings));
    text = edited;
  }
});

/** Every node's range in document order, with its scalar value. */
function rangesOf(node: unknown, out: string[] = []): string[] {
  const n = node as { range?: number[]; items?: unknown[]; key?: unknown; value?: unknown } | null;
  if (!n || typeof n !== 'object') return out;
  if (n.range) out.push(`${n.range.join(',')}${typeof n.value !== 'object' ? ` ${String(n.value)}` : ''}`);
  if ('key' in n && !n.range) {
    rangesOf(n.key, out);
    rangesOf(n.value, out);
  }
  for (const item of n.items ?? []) rangesOf(item, out);
  return out;
}

test('the chunks after a keystroke keep their diagnostic objects while their lines stay; those whose lines moved get new ones', () => {
  const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n# note ${i}\nspec:\n  containers:\n    - name: a\n      image: x\n      securityContext: {privileged: true}\n`;
  const text = [0, 1, 2, 3].map(pod).join('---\n');
  const analyzer = new DocumentAnalyzer();
  const options = { config, rules, key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true };
  const diagnosticsOf = (t: string) => {
    const analysis = analyzer.analyze(t, options);
    const out: Diagnostic[] = [];
    findingsToDiagnostics(analysis.file.lines, analysis.findings, out);
    assert.deepEqual(
      out,
      analysis.findings.map((f) => findingToDiagnostic(analysis.file.lines, { ...f })),
      'each as made anew',
    );
    return out;
  };
  const before = diagnosticsOf(text);
  const second = text.indexOf('# note 1') + '# note 1'.length;
  // One character in the second pod: the two pods after it move by one, on the same lines.
  const typed = diagnosticsOf(text.slice(0, second) + 'x' + text.slice(second));
  const after = (list: Diagnostic[], pods: number[]) => list.filter((d) => pods.some((p) => String(d.message).includes(`"p${p}`)));
  assert.ok(after(before, [2, 3]).length > 0);
  assert.deepEqual(
    after(typed, [2, 3]).map((d) => before.includes(d)),
    after(before, [2, 3]).map(() => true),
    'the same objects',
  );
  // A new line in the second pod: the pods after it are one line lower.
  const newline = diagnosticsOf(text.slice(0, second) + '\n' + text.slice(second));
  assert.ok(after(newline, [2, 3]).every((d) => !before.includes(d) && !typed.includes(d)));
});

test("a fix of a document that moved after an edit above it edits its own character (pasted-characters' fix took its offsets when it was found)", () => {
  const pasted = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  containers:\n  - name: a\n    image: nginx:1.2\u00a0\n';
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\n${pasted}`;
  const analyzer = new DocumentAnalyzer();
  const options = { config, rules, key: 'k', model: workspaceOf(), file: '/ws/a.yaml', shared: true };
  analyzer.analyze(text, options);
  const moved = text.replace('kind: ConfigMap', 'kind: ConfigMap # a comment that moves the Pod');
  const analysis = analyzer.analyze(moved, options);
  const finding = analysis.findings.find((f) => f.ruleId === 'pasted-characters')!;
  assert.equal(moved.slice(finding.offset, finding.offset + finding.length), '\u00a0');
  const [edit] = finding.fix!.apply(analysis.file);
  assert.deepEqual(edit, { offset: moved.indexOf('\u00a0'), length: 1, text: ' ' });
});
