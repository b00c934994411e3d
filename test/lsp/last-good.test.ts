// The last analysis that parsed, carried over while a document is broken (server/src/lsp/last-good.ts):
// findings move past the edit, lose their fixes, and are carried only while nothing but the broken
// lines changed, under the same settings; a workspace rule's only while the document without its
// broken lines, in the workspace as it is now, still makes it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, Finding, mergeConfig } from '../../server/src/engine';
import { rules } from '../../rules';
import { DocumentAnalyzer } from '../../server/src/lsp/analysis';
import { LastGoodAnalysis } from '../../server/src/lsp/last-good';
import { workspaceOf } from '../helpers/workspace';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: a
        image: nginx:1.25
      - name: b
        image: busybox:1.36
        securityContext: {privileged: true}
`;

const documentRules = new Set(rules.filter((r) => r.meta.scope !== 'workspace').map((r) => r.id));

/** A document's analyses, version after version, as the server makes them. */
function session(key = 'k', model = workspaceOf()) {
  const analyzer = new DocumentAnalyzer();
  const lastGood = new LastGoodAnalysis();
  return (text: string, withKey = key) => {
    const before = model.generation;
    const analysis = analyzer.analyze(text, { config: mergeConfig(), rules, key: withKey, model, file: '/ws/a.yaml', shared: true });
    return lastGood.apply(text, withKey, analysis, (id) => documentRules.has(id), { before, after: model.generation });
  };
}

/** The messages of the network isolation findings. */
const isolation = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'network-ingress-isolation').map((f) => f.message);

/** Another file of the workspace gets a NetworkPolicy that isolates every pod for ingress. */
function isolateAll(model: ReturnType<typeof workspaceOf>): void {
  model.set(extractText('/ws/policy.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n', model.extractorList));
}

/** Findings as `rule line:column message`, where the text puts them. */
function shown(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => {
    const before = text.slice(0, f.offset).split('\n');
    return `${f.ruleId} ${before.length}:${before[before.length - 1].length + 1} ${text.slice(f.offset, f.offset + f.length)} ${f.message}`;
  });
}

const typedInA = (typed: string) => deployment.replace('        image: nginx:1.25\n', `        image: nginx:1.25\n        ${typed}\n`);

describe('the last good analysis of a broken document', () => {
  test('typing a key in container a: every finding of the document rules stays, those below the edit moved with the text', () => {
    const analyze = session();
    const clean = analyze(deployment);
    // The network rules, and the runtime and images families (rule tables cover them), are not what this test is about.
    const other = (f: string) => ['network', 'runtime', 'images'].includes(rules.find((r) => r.id === f.split(' ')[0])?.meta.category ?? '');
    const expected = shown(deployment, clean.findings).filter((f) => !other(f));
    for (const typed of ['r', 're', 'resources']) {
      const text = typedInA(typed);
      const result = analyze(text);
      assert.ok(
        result.problems.some((p) => p.code === 'yaml-syntax'),
        typed,
      );
      // One line was inserted above container b: its findings are one line lower.
      const moved = expected.map((f) => f.replace(/^(\S+) (\d+):/, (_, rule, line) => `${rule} ${Number(line) >= 15 ? Number(line) + 1 : line}:`));
      assert.deepEqual(
        shown(text, result.findings)
          .filter((f) => !other(f))
          .sort(),
        moved.sort(),
        typed,
      );
      assert.ok(
        result.findings.every((f) => f.fix === undefined && f.suggestions.length === 0),
        'shown, not fixed',
      );
    }
  });

  test('nothing is carried under other settings, or after an edit that parses elsewhere', () => {
    const analyze = session();
    analyze(deployment);
    const other = analyze(typedInA('resources'), 'another key');
    assert.ok(!other.findings.some((f) => f.ruleId === 'run-as-non-root' && f.message.includes('"a"')), 'other settings');

    const again = session();
    again(deployment);
    const broken = again(typedInA('resources'));
    assert.ok(
      broken.findings.some((f) => f.ruleId === 'run-as-non-root' && f.message.includes('"a"')),
      'carried',
    );

    const fixedElsewhere = typedInA('resources').replace('{privileged: true}', '{privileged: true, runAsNonRoot: true}');
    const after = again(fixedElsewhere);
    assert.ok(!after.findings.some((f) => f.ruleId === 'run-as-non-root' && f.message.includes('"b"')), 'edit that parsed');
    assert.ok(!after.findings.some((f) => f.ruleId === 'run-as-non-root' && f.message.includes('"a"')), 'nothing carried after it');
  });

  test("a workspace rule's finding stays while a container line is typed, unless another file's change ends it meanwhile", () => {
    const model = workspaceOf();
    const analyze = session('k', model);
    const clean = isolation(analyze(deployment).findings);
    assert.equal(clean.length, 1);
    // Broken, the Deployment still is what it was: its isolation finding stays.
    const typing = analyze(typedInA('res'));
    assert.ok(typing.problems.some((p) => p.code === 'yaml-syntax'));
    assert.deepEqual(isolation(typing.findings), clean, 'carried while typing');

    // A NetworkPolicy that isolates it arrives in another file while the line is still broken.
    isolateAll(model);
    assert.deepEqual(isolation(analyze(typedInA('reso')).findings), [], 'not carried past the change elsewhere');
  });

  test('a workspace finding of a document that does not parse even without the line being typed stays, until another file changes', () => {
    const model = workspaceOf();
    const analyze = session('k', model);
    const withPorts = deployment.replace('        image: nginx:1.25\n', '        image: nginx:1.25\n        ports:\n        - containerPort: 8080\n');
    const clean = isolation(analyze(withPorts).findings);
    assert.equal(clean.length, 1);
    // `sec` above `ports:` runs into it: without both lines the sequence below has no key, so nothing is
    // checked, and the Deployment leaves the workspace until the line parses.
    for (const typed of ['se', 'sec']) {
      const typing = analyze(withPorts.replace('        ports:\n', `        ${typed}\n        ports:\n`));
      assert.ok(typing.problems.some((p) => p.code === 'yaml-syntax'));
      assert.equal(typing.withheld?.length ?? 0, 0, 'nothing checked');
      assert.deepEqual(isolation(typing.findings), clean, `carried while typing "${typed}"`);
    }
    isolateAll(model);
    assert.deepEqual(isolation(analyze(withPorts.replace('        ports:\n', '        secu\n        ports:\n')).findings), [], 'not carried past the change elsewhere');
    assert.deepEqual(isolation(analyze(withPorts.replace('        ports:\n', '        secur\n        ports:\n')).findings), [], 'nor later while still broken');
  });

  test("a NetworkPolicy being typed in keeps isolating what it did while it does not parse (the server's analysis), not in an analysis from scratch", () => {
    const model = workspaceOf();
    const options = (file: string, holdBrokenFacts: boolean) => ({ config: mergeConfig(), rules, key: 'k', model, file, shared: true, holdBrokenFacts });
    const policyText = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
    const broken = policyText.replace('podSelector: {}', 'podSelector: {');
    const policy = new DocumentAnalyzer();
    const web = new DocumentAnalyzer();
    const isolationOfWeb = () => isolation(web.analyze(deployment, options('/ws/a.yaml', true)).findings);
    policy.analyze(policyText, options('/ws/policy.yaml', true));
    assert.deepEqual(isolationOfWeb(), []);
    for (const typed of [broken, broken.replace('{', '{m'), broken.replace('{', '{ma')]) {
      assert.ok(policy.analyze(typed, options('/ws/policy.yaml', true)).problems.some((p) => p.code === 'yaml-syntax'));
      assert.deepEqual(isolationOfWeb(), [], `still isolated while "${typed.slice(typed.indexOf('podSelector'), typed.indexOf('\n', typed.indexOf('podSelector')))}" is typed`);
    }
    // Parsed again, it is what it now says: egress only.
    policy.analyze(policyText.replace('[Ingress]', '[Egress]'), options('/ws/policy.yaml', true));
    assert.equal(isolationOfWeb().length, 1, 'the new facts');
    // From scratch, a document that does not parse declares nothing.
    new DocumentAnalyzer().analyze(policyText, options('/ws/policy.yaml', false));
    assert.deepEqual(isolationOfWeb(), []);
    new DocumentAnalyzer().analyze(broken, options('/ws/policy.yaml', false));
    assert.equal(isolationOfWeb().length, 1, 'nothing held from scratch');
  });
});
