// The runner: resource recognition, levels and versions, Namespace labels, severities, suppression.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, mergeConfig, PartialConfig } from '../../server/src/engine';
import { rules as catalog } from '../../rules';
import { viewOf, workspaceOf } from '../helpers/workspace';

/** The Pod Security rules only: other rule families have tests of their own. */
const rules = catalog.filter((r) => r.meta.pss);

const lint = (text: string, config: PartialConfig = {}) => check(text, { config: mergeConfig(config), rules }).findings;
const deployment = (extra = '', ns = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${ns ? `\n  namespace: ${ns}` : ''}
spec:
  template:
    metadata:
      labels: {app: web}${extra}
    spec:
      containers:
      - name: app
        image: nginx
        securityContext:
          privileged: true
`;

describe('resource recognition', () => {
  test('YAML that is not a Kubernetes resource gets nothing', () => {
    const workflow = 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: node\n      options: --privileged\n    steps:\n    - uses: actions/checkout@v4\n';
    const compose = 'services:\n  web:\n    image: nginx\n    privileged: true\n    ports: ["80:80"]\n    network_mode: host\n';
    const openapi = 'openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\npaths: {}\ncomponents:\n  schemas:\n    Pod:\n      properties:\n        kind: {type: string}\n';
    const values = 'replicaCount: 1\nimage:\n  repository: nginx\nsecurityContext:\n  privileged: true\npodSecurityContext: {}\n';
    for (const text of [workflow, compose, openapi, values]) assert.deepEqual(lint(text), []);
  });
  test('a custom resource is recognised but no workload rule applies', () => {
    assert.deepEqual(lint('apiVersion: example.com/v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n'), []);
  });
  test('the items of a List are resources', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${deployment().trim().split('\n').join('\n  ')}\n`;
    assert.ok(lint(list).some((f) => f.ruleId === 'privileged-container'));
  });
});

describe('levels, versions and Namespace labels', () => {
  test('baseline hides restricted-only findings', () => {
    const ids = new Set(lint(deployment(), { podSecurityLevel: 'baseline' }).map((f) => f.pss?.level));
    assert.deepEqual([...ids], ['baseline']);
  });
  test('privileged checks nothing', () => {
    assert.deepEqual(lint(deployment(), { podSecurityLevel: 'privileged' }), []);
  });
  test('a Namespace in the same file sets the level and version of its resources', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.24\n---\n';
    const inNs = lint(ns + deployment('', 'legacy'));
    assert.ok(inNs.length > 0 && inNs.every((f) => f.pss?.level === 'baseline'));
    const elsewhere = lint(ns + deployment('', 'other'));
    assert.ok(elsewhere.some((f) => f.pss?.level === 'restricted'));
  });
  test('Namespace labels from the workspace are honoured', () => {
    const findings = check(deployment('', 'ops'), {
      config: mergeConfig(),
      rules,
      workspace: viewOf(
        workspaceOf({ '/ws/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels: {pod-security.kubernetes.io/enforce: privileged}\n' }),
        '/ws/app.yaml',
        deployment('', 'ops'),
      ),
    }).findings;
    assert.deepEqual(findings, []);
  });
});

describe('severities and suppression', () => {
  test('baseline findings are errors and restricted ones warnings by default', () => {
    for (const f of lint(deployment())) assert.equal(f.severity, f.pss?.level === 'baseline' ? 'error' : 'warning');
  });
  test('severity per rule, and off', () => {
    const findings = lint(deployment(), { rules: { 'privileged-container': 'info', 'run-as-non-root': 'off' } });
    assert.equal(findings.find((f) => f.ruleId === 'privileged-container')?.severity, 'info');
    assert.equal(
      findings.some((f) => f.ruleId === 'run-as-non-root'),
      false,
    );
  });
  test('the ignore annotation on the pod template suppresses one rule', () => {
    const findings = lint(deployment('\n      annotations:\n        ignore.kube-harden.io/privileged-container: "CNI plugin needs it"'));
    assert.equal(
      findings.some((f) => f.ruleId === 'privileged-container'),
      false,
    );
    assert.ok(findings.some((f) => f.ruleId === 'allow-privilege-escalation'));
  });
  test('the ignore comment on the line above suppresses by rule id', () => {
    const text = deployment().replace('          privileged: true', '          # kube-harden-ignore privileged-container, allow-privilege-escalation\n          privileged: true');
    const findings = lint(text);
    assert.equal(
      findings.some((f) => f.ruleId === 'privileged-container'),
      false,
    );
    // The comment names no other rule, and only the line below it.
    assert.ok(findings.some((f) => f.ruleId === 'restricted-capabilities'));
  });
  test('a rule that throws is reported and the others still run', () => {
    const broken = {
      ...rules[0],
      id: 'broken',
      check: () => {
        throw new Error('boom');
      },
    };
    const errors: string[] = [];
    const result = check(deployment(), { config: mergeConfig(), rules: [broken, ...rules], onRuleError: (id) => errors.push(id) });
    assert.deepEqual(errors, ['broken']);
    assert.ok(result.findings.length > 0);
  });
  test('a rule that throws leaves an internal-error finding at the resource name, without the error text', () => {
    const leaky = {
      ...rules[0],
      id: 'leaky',
      check: () => {
        throw new TypeError('cannot read "s3cr3t-value"');
      },
    };
    const overflow = {
      ...leaky,
      id: 'overflow',
      check: function recurse(): void {
        recurse();
      },
    };
    const text = deployment();
    const failures = check(text, { config: mergeConfig(), rules: [leaky, overflow, ...rules] }).findings.filter((f) => f.ruleId === 'internal-error');
    assert.deepEqual(
      failures.map((f) => [f.failedRule, f.message, f.severity, text.slice(f.offset, f.offset + f.length), f.resource.name]),
      [
        ['leaky', 'kube-harden could not check rule leaky on this resource: the rule failed with TypeError.', 'warning', 'web', 'web'],
        ['overflow', 'kube-harden could not check rule overflow on this resource: the YAML nests or refers to itself too deeply.', 'warning', 'web', 'web'],
      ],
    );
    assert.ok(!JSON.stringify(failures).includes('s3cr3t'));
  });
});

describe('Namespace labels as Pod Security Admission reads them', () => {
  const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n${labels}---\n`;
  const dep = deployment('', 'team');
  test('an invalid level means restricted', () => {
    const findings = lint(ns('    pod-security.kubernetes.io/enforce: Baseline\n') + dep, { podSecurityLevel: 'privileged' });
    assert.ok(findings.some((f) => f.pss?.level === 'restricted'));
  });
  test('an invalid version means latest', () => {
    // hostProbesAndHostLifecycle exists from 1.34 only: with "1.20" (no v) the version is latest.
    const probe = dep.replace('        image: nginx\n', '        image: nginx\n        livenessProbe:\n          httpGet: {host: 10.0.0.1, port: 80}\n');
    const findings = lint(ns('    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: "1.20"\n') + probe);
    assert.ok(findings.some((f) => f.ruleId === 'host-probes-and-lifecycle'));
    const old = lint(ns('    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.20\n') + probe);
    assert.equal(
      old.some((f) => f.ruleId === 'host-probes-and-lifecycle'),
      false,
    );
  });
});

describe('baseline violations stay baseline at the restricted level', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: Unconfined}}
  containers:
  - name: app
    image: x
    securityContext:
      allowPrivilegeEscalation: false
      procMount: Unmasked
      capabilities: {drop: [ALL], add: [SYS_ADMIN, CHOWN]}
  volumes:
  - name: host
    hostPath: {path: /}
`;
  test('they are errors with level baseline, reported by the replacing restricted rule', () => {
    const findings = lint(pod);
    const summary = findings.map((f) => `${f.ruleId} ${f.severity} ${f.pss?.level} ${f.message}`);
    assert.deepEqual(summary.sort(), [
      'restricted-capabilities error baseline container "app" adds capability SYS_ADMIN',
      'restricted-capabilities warning restricted container "app" adds capability CHOWN',
      'restricted-proc-mount error baseline container "app" sets procMount "Unmasked"',
      'restricted-seccomp-profile error baseline pod uses seccomp profile "Unconfined"',
      'restricted-volume-types error baseline volume "host" uses the hostPath volume type',
    ]);
  });
  test("the replaced baseline rule's settings and suppressions apply to them", () => {
    const off = lint(pod, { rules: { 'host-path-volumes': 'off', 'baseline-capabilities': 'warning' } });
    assert.equal(
      off.some((f) => f.message.includes('hostPath')),
      false,
    );
    assert.equal(off.find((f) => f.message.includes('SYS_ADMIN'))?.severity, 'warning');
    const annotated = lint(pod.replace('  name: p\n', '  name: p\n  annotations:\n    ignore.kube-harden.io/host-path-volumes: node agent\n'));
    assert.equal(
      annotated.some((f) => f.message.includes('hostPath')),
      false,
    );
    const commented = lint(pod.replace('    hostPath:', '    # kube-harden-ignore host-path-volumes\n    hostPath:'));
    assert.equal(
      commented.some((f) => f.message.includes('hostPath')),
      false,
    );
  });
});

describe('a field missing from a container', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  # kube-harden-ignore allow-privilege-escalation\n  - name: app\n    image: x\n    securityContext:\n      runAsUser: 1000\n';
  test('is reported on the securityContext key, and a comment above the container still suppresses it', () => {
    const reported = lint(text.replace('  # kube-harden-ignore allow-privilege-escalation\n', ''));
    const escalation = reported.find((f) => f.ruleId === 'allow-privilege-escalation');
    assert.equal(escalation && text.replace('  # kube-harden-ignore allow-privilege-escalation\n', '').slice(escalation.offset, escalation.offset + escalation.length), 'securityContext');
    const commented = lint(text);
    assert.equal(
      commented.some((f) => f.ruleId === 'allow-privilege-escalation'),
      false,
    );
    assert.ok(commented.some((f) => f.ruleId === 'run-as-non-root'));
  });
});

describe('YAML 1.1, as Kubernetes reads manifests', () => {
  test('yes, on and y are true; no and off are false', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: yes\n  hostPID: on\n  securityContext:\n    runAsNonRoot: yes\n  containers:\n  - name: app\n    image: x\n    securityContext:\n      privileged: y\n      allowPrivilegeEscalation: no\n';
    const ids = lint(text)
      .map((f) => f.ruleId)
      .sort();
    assert.deepEqual(ids, ['host-namespaces', 'host-namespaces', 'privileged-container', 'restricted-capabilities', 'restricted-seccomp-profile']);
  });
});

describe("other linters' suppression annotations", () => {
  /** The rules whose equivalents name this peer check: the ones its annotation must suppress, and only those. */
  const naming = (peer: 'kubeLinter' | 'polaris' | 'checkov', id: string) => new Set(rules.filter((r) => r.meta.equivalents !== 'none' && r.meta.equivalents[peer]?.includes(id)).map((r) => r.id));
  const idsOf = (text: string, config: PartialConfig = {}) => new Set(lint(text, config).map((f) => f.ruleId));
  const annotated = (lines: string[]) =>
    deployment(
      '\n      annotations:\n' +
        lines
          .map((l) => `        ${l}\n`)
          .join('')
          .trimEnd(),
    );
  const before = idsOf(deployment());
  const expectSuppressed = (after: Set<string>, suppressed: Set<string>) => {
    assert.ok(suppressed.size > 0 && [...suppressed].every((id) => before.has(id)), 'the test needs rules that fire without the annotation');
    assert.deepEqual([...after].sort(), [...before].filter((id) => !suppressed.has(id)).sort());
  };

  test('kube-linter: ignore-check.kube-linter.io/<check> suppresses exactly the rules naming that check', () => {
    expectSuppressed(idsOf(annotated(['ignore-check.kube-linter.io/privileged-container: "CNI plugin"'])), naming('kubeLinter', 'privileged-container'));
  });

  test('Polaris: <check>-exempt "true" suppresses the rules naming that check; another value does not', () => {
    expectSuppressed(idsOf(annotated(['polaris.fairwinds.com/runAsPrivileged-exempt: "true"'])), naming('polaris', 'runAsPrivileged'));
    assert.deepEqual(idsOf(annotated(['polaris.fairwinds.com/runAsPrivileged-exempt: "false"'])), before);
  });

  test('Polaris: exempt "true" suppresses every rule that names a Polaris check, and only those', () => {
    const polarisRules = new Set(rules.filter((r) => r.meta.equivalents !== 'none' && r.meta.equivalents.polaris?.length).map((r) => r.id));
    const after = idsOf(annotated(['polaris.fairwinds.com/exempt: "true"']));
    assert.deepEqual([...after].sort(), [...before].filter((id) => !polarisRules.has(id)).sort());
    assert.ok(after.size > 0, 'some firing rule names no Polaris check, so the global exempt must leave it');
    assert.ok(after.size < before.size);
  });

  test('Checkov: skipN with an id and a comment suppresses the rules naming that id, on the resource itself too', () => {
    expectSuppressed(idsOf(annotated(['checkov.io/skip1: CKV_K8S_16=runs the CNI plugin'])), naming('checkov', 'CKV_K8S_16'));
    const onResource = deployment().replace('  name: web\n', '  name: web\n  annotations:\n    checkov.io/skip3: CKV_K8S_16\n');
    expectSuppressed(idsOf(onResource), naming('checkov', 'CKV_K8S_16'));
    // Only skip<N> keys count.
    assert.deepEqual(idsOf(annotated(['checkov.io/skipx: CKV_K8S_16'])), before);
  });

  test("peerSuppressions: false keeps every finding; kube-harden's own annotation still counts", () => {
    const text = annotated(['ignore-check.kube-linter.io/privileged-container: "x"', 'polaris.fairwinds.com/exempt: "true"', 'checkov.io/skip1: CKV_K8S_16']);
    assert.deepEqual(idsOf(text, { peerSuppressions: false }), before);
    const own = annotated(['ignore.kube-harden.io/privileged-container: "x"', 'polaris.fairwinds.com/exempt: "true"']);
    assert.equal(idsOf(own, { peerSuppressions: false }).has('privileged-container'), false);
  });
});
