// A document with syntax errors keeps the findings its broken lines cannot change, and never gains a
// finding about a field that could be on a broken line (see engine/partial-trust.ts for the criterion).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, Finding, mergeConfig, reportedProblems } from '../../server/src/engine';
import { rules as catalog } from '../../rules';

// The runtime and images rules (which flag most fixtures' unpinned images and unset resources) are left
// out: this test is about the engine, and their findings would only lengthen every expected list.
const rules = catalog.filter((r) => r.meta.category !== 'runtime' && r.meta.category !== 'images');
const lint = (text: string) => check(text, { config: mergeConfig(), rules });

/**
 * `rule container` (or `rule Kind` for a finding about a resource), sorted. The resource's name is
 * left out: while its own line is broken a resource is unnamed, and its findings still hold.
 */
function names(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${/container "([^"]+)"/.exec(f.message)?.[1] ?? f.resource.kind}`).sort();
}

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
        securityContext:
          privileged: true
      - name: b
        image: busybox:1.36
`;

const after = (text: string, line: string, added: string) => {
  assert.ok(text.includes(line), line);
  return text.replace(line, line + added);
};

const missingOf = (container: string) => [`allow-privilege-escalation ${container}`, `restricted-capabilities ${container}`, `restricted-seccomp-profile ${container}`, `run-as-non-root ${container}`];
const privilegedA = 'privileged-container a';

const cases: Array<{ name: string; text: string; findings: string[] }> = [
  {
    name: 'a key without its colon in container a keeps what is set in a and what is missing in b',
    text: after(deployment, '          privileged: true\n', '        resources\n'),
    findings: [privilegedA, ...missingOf('b')],
  },
  {
    name: 'a key without its colon at the pod level keeps only what is set',
    text: deployment + '      hostNetwork\n',
    findings: [privilegedA],
  },
  {
    name: 'a field of the pod securityContext being typed does not make runAsNonRoot missing anywhere',
    text: deployment + '      securityContext:\n        runAsUser: 1000\n        runAsNonRoo\n',
    findings: [privilegedA],
  },
  {
    name: 'an unclosed quote in container b keeps container a whole',
    text: deployment.replace('busybox:1.36', '"busybox:1.36'),
    findings: [privilegedA, ...missingOf('a')],
  },
  {
    name: 'an unclosed quote in container a takes every line after it out of the check',
    text: deployment.replace('nginx:1.25', '"nginx:1.25'),
    findings: [],
  },
  {
    name: 'a badly indented field of container a is not reported missing',
    text: after(deployment, '          privileged: true\n', '         runAsNonRoot: true\n'),
    findings: [privilegedA, ...missingOf('b')],
  },
  {
    name: 'a tab-indented line keeps only what is set',
    text: after(deployment, '          privileged: true\n', '\t  runAsNonRoot: true\n'),
    findings: [privilegedA],
  },
  {
    name: 'a broken line in another document of the file changes nothing here',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: "v\n---\n' + deployment,
    findings: names(lint(deployment).findings),
  },
  {
    name: 'a pod-level value is not kept while a container line is broken: the container may override it',
    text: after(
      deployment.replace('    spec:\n      containers:', '    spec:\n      securityContext:\n        runAsUser: 0\n      containers:'),
      '          privileged: true\n',
      '        resources\n',
    ),
    findings: [privilegedA, ...missingOf('b')],
  },
  {
    name: 'a broken line in one item of a List leaves the other items whole',
    text: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: one
  spec:
    containers:
    - name: a
      image: x
      securityContext: {privileged: true}
      resources
- apiVersion: v1
  kind: Pod
  metadata:
    name: two
  spec:
    containers:
    - name: c
      image: x
`,
    findings: [privilegedA, ...missingOf('c'), 'network-ingress-isolation Pod'],
  },
  {
    // Leaving out the broken `---` line would join two documents: that document stays unchecked, and
    // the others are read without their broken lines as ever (the editor, which parses each document
    // alone, found what the whole-file check did not: the fuzz's seed 4242).
    name: 'a broken line that opens a document leaves that document unchecked and the other documents repaired',
    text: `--- {apiVersion: v1, kind: Pod, metadata: {name: inline}, spec: {containers: [{name: z, image: x, securityContext:2 {privileged: true}}]}}\n---\n${after(deployment, '          privileged: true\n', '        resources\n')}`,
    findings: [privilegedA, ...missingOf('b')],
  },
  {
    name: 'a key written twice leaves the document unchecked: which value counts is not known',
    text: after(deployment, '          privileged: true\n', '          privileged: false\n        resources\n'),
    findings: [],
  },
];

describe('findings of a document with syntax errors', () => {
  test('the clean Deployment has the findings the cases start from', () => {
    assert.deepEqual(names(lint(deployment).findings), [...missingOf('a'), ...missingOf('b'), 'network-ingress-isolation Deployment', privilegedA].sort());
  });
  for (const c of cases) {
    test(c.name, () => {
      const result = lint(c.text);
      assert.ok(
        result.problems.some((p) => p.code === 'yaml-syntax'),
        'the case is broken YAML',
      );
      assert.deepEqual(names(result.findings), [...c.findings].sort());
    });
  }

  test('a finding kept in a broken document offers no fix until the document parses', () => {
    const result = lint(after(deployment, '          privileged: true\n', '        resources\n'));
    const privileged = result.findings.filter((f) => f.ruleId === 'privileged-container');
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0].fix, undefined);
    assert.deepEqual(privileged[0].suggestions, []);
    assert.ok(lint(deployment).findings.find((f) => f.ruleId === 'privileged-container')!.fix);
  });

  // Sound means: whatever the broken line turns out to say, a finding shown now is still there. Two
  // completions stand for all: the line as it was before it broke, and no line at all.
  test('property: a finding kept despite a broken line holds with the line intact and with it gone', () => {
    const manifests = [
      deployment,
      deployment.replace('    spec:\n      containers:', '    spec:\n      hostNetwork: true\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n      containers:'),
      after(deployment, '      - name: b\n', '        securityContext:\n          allowPrivilegeEscalation: false\n          capabilities:\n            drop: [ALL]\n            add: [SYS_ADMIN]\n'),
    ];
    const damages: Array<(line: string) => string> = [(l) => l.replace(/:( |$)/, '$1'), (l) => l.replace(/: /, ': "'), (l) => l.replace(/^ {2}/, '\t'), (l) => ` ${l}`, (l) => l.slice(0, -1)];
    let checked = 0;
    for (const manifest of manifests) {
      const lines = manifest.split('\n');
      const intact = new Set(names(lint(manifest).findings));
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        const gone = lint([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
        if (gone.problems.length > 0) return;
        const without = new Set(names(gone.findings));
        for (const damage of damages) {
          const broken = damage(line);
          if (broken === line) continue;
          const result = lint([...lines.slice(0, i), broken, ...lines.slice(i + 1)].join('\n'));
          if (!result.problems.some((p) => p.code === 'yaml-syntax')) continue;
          checked++;
          for (const name of names(result.findings)) {
            assert.ok(intact.has(name) && without.has(name), `line ${i + 1} ${JSON.stringify(broken)}: "${name}" does not hold for every completion`);
          }
        }
      });
    }
    assert.ok(checked > 40, `only ${checked} broken variants were checked`);
  });
});

describe('syntax problems', () => {
  test('two errors the parser reports at one position are shown once', () => {
    assert.equal(lint('x: 1\n  y: 2\n').problems.length, 1);
    assert.equal(lint('  a: b\nc: d\n').problems.length, 1);
  });
  test('a key without its colon reads as a sentence for people', () => {
    assert.deepEqual(
      lint('a: b\nresources\n').problems.map((p) => p.message),
      ['A key needs a colon and a value (key: value)'],
    );
  });
  test('yaml-syntax takes a severity or off like a rule', () => {
    const { problems } = lint('a: b\nresources\n');
    assert.deepEqual(
      reportedProblems(problems, mergeConfig()).map((p) => p.severity),
      ['error'],
    );
    assert.deepEqual(
      reportedProblems(problems, mergeConfig({ rules: { 'yaml-syntax': 'warning' } })).map((p) => p.severity),
      ['warning'],
    );
    assert.deepEqual(reportedProblems(problems, mergeConfig({ rules: { 'yaml-syntax': 'off' } })), []);
  });
  test('turning yaml-syntax off keeps notes about skipped input', () => {
    const skipped = lint('apiVersion: v1\nkind: Pod\n{{- if .Values.x }}\n').problems;
    assert.equal(reportedProblems(skipped, mergeConfig({ rules: { 'yaml-syntax': 'off' } })).length, 1);
  });
});
