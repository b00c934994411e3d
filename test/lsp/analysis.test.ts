// The server's incremental analysis must agree with a whole-file check: same findings at the same
// offsets, after every kind of edit, on the real-world corpus. Also: a throwing rule is isolated.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { check, defineRule, documentRanges as split, Finding, LineIndex, mergeConfig } from '../../server/src/engine';
import { findingToDiagnostic } from '../../server/src/lsp/convert';
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
    meta: { title: 'Broken', description: 'Throws.', category: 'test', severity: 'error', equivalents: 'none', kinds: 'workload', scope: 'document', fix: 'none', messages: {} },
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
  const diagnostic = findingToDiagnostic(new LineIndex(text), failure, 1);
  assert.deepEqual([diagnostic.code, diagnostic.severity, diagnostic.range.start], ['internal-error', 2, { line: 2, character: 17 }]);
  assert.match(String(diagnostic.message), /could not check rule broken on this resource/);
});

test('a workspace rule that throws keeps its internal-error finding across incremental analyses', () => {
  const broken = defineRule({
    id: 'broken-workspace',
    meta: { title: 'Broken', description: 'Throws.', category: 'test', severity: 'error', kinds: 'workload', scope: 'workspace', reads: ['Namespace'], fix: 'none', messages: {}, equivalents: 'none' },
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

function statSize(path: string): number {
  return readFileSync(path).length;
}
