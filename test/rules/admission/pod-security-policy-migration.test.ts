// The migration of a PodSecurityPolicy: the finding at the target version, the labels it writes and
// where, and the ValidatingAdmissionPolicy it generates, whose CEL parses and, run on pods, admits
// the pods the PodSecurityPolicy admitted and denies those it denied.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CelInput, isCelError, parse as parseCel, run } from '@bufbuild/cel';
import { parseAllDocuments } from 'yaml';
import { applyEdits, check, Finding, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { ruleTester } from '../../helpers/rule-tester';
import { seedPsp } from '../../helpers/seed-psp';

const psp = (spec: string, apiVersion = 'policy/v1beta1') => `apiVersion: ${apiVersion}\nkind: PodSecurityPolicy\nmetadata:\n  name: apps\nspec:\n${spec}`;
const restricted = `  privileged: false\n  allowPrivilegeEscalation: false\n  requiredDropCapabilities: [ALL]\n  volumes: [configMap, secret, emptyDir]\n  runAsUser: {rule: MustRunAsNonRoot}\n  seLinux: {rule: RunAsAny}\n  supplementalGroups: {rule: RunAsAny}\n  fsGroup: {rule: RunAsAny}\n`;

ruleTester('pod-security-policy-migration', {
  valid: [
    { name: 'before Kubernetes 1.21', code: psp(restricted), config: { kubernetesVersion: '1.20' } },
    { name: 'a templated policy', code: psp(`${restricted}  allowedHostPaths: [{pathPrefix: "{{ .Values.path }}"}]\n`) },
    { name: 'another API group', code: psp(restricted, 'example.com/v1') },
  ],
  invalid: [
    { name: "the seed article's policy", code: seedPsp, errors: [{ messageId: 'migrate', line: 2, column: 7, endColumn: 24 }], output: null, suggestions: true },
    {
      name: 'extensions/v1beta1 at 1.22',
      code: psp(restricted, 'extensions/v1beta1'),
      config: { kubernetesVersion: '1.22' },
      errors: [{ messageId: 'migrate', line: 2, column: 7 }],
      output: null,
      suggestions: true,
    },
  ],
});

function findingOf(text: string, version = '1.37', workspace?: Parameters<typeof check>[1]['workspace']): Finding {
  const found = check(text, { config: mergeConfig({ kubernetesVersion: version }), rules, workspace }).findings.find((f) => f.ruleId === 'pod-security-policy-migration');
  assert.ok(found, 'no finding');
  return found;
}

function migrated(text: string, version = '1.37'): { out: string; docs: Array<Record<string, any>>; finding: Finding } {
  const finding = findingOf(text, version);
  const out = applyEdits(text, finding.suggestions[0].apply(parseManifest(text)));
  assert.deepEqual(parseManifest(out).problems, []);
  return {
    out,
    docs: parseAllDocuments(out)
      .map((d) => d.toJS())
      .filter(Boolean),
    finding,
  };
}

/** CEL integers are int64: YAML numbers become bigints, as the API server's values are. */
function celValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(celValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, celValue(v)]));
  return value;
}

/** The messages of the validations a pod fails, evaluated as the API server does. */
function denials(policy: Record<string, any>, pod: unknown): string[] {
  const object = celValue(pod) as CelInput;
  const containers = run(policy.spec.variables[0].expression, { object });
  assert.ok(!isCelError(containers), String(containers));
  return policy.spec.validations.filter((v: { expression: string }) => run(v.expression, { object, variables: { containers } }) !== true).map((v: { message: string }) => v.message);
}

const pod = (container: string, spec = '') => parseAllDocuments(`spec:\n${spec}  containers:\n  - name: app\n    image: r/app\n${container}`)[0].toJS();

describe("the seed article's PodSecurityPolicy", () => {
  const { out, docs, finding } = migrated(seedPsp);
  const policy = docs.find((d) => d.kind === 'ValidatingAdmissionPolicy')!;

  test('maps to restricted', () => {
    assert.match(finding.message, /maps to the restricted level/);
    assert.match(finding.suggestions[0].title, /^Migrate to Pod Security Admission: restricted on default, assumes pods set what it defaulted$/);
  });
  test('writes restricted labels on a new Namespace manifest (no binding or namespace in the workspace)', () => {
    const ns = docs.find((d) => d.kind === 'Namespace')!;
    assert.deepEqual(ns.metadata, {
      name: 'default',
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.37',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    });
  });
  test('replaces the PodSecurityPolicy by a ValidatingAdmissionPolicy with readOnlyRootFilesystem, and its binding', () => {
    assert.equal(docs.filter((d) => d.kind === 'PodSecurityPolicy').length, 0);
    assert.equal(policy.apiVersion, 'admissionregistration.k8s.io/v1');
    assert.ok(policy.spec.validations.some((v: { expression: string }) => v.expression.includes('readOnlyRootFilesystem')));
    const binding = docs.find((d) => d.kind === 'ValidatingAdmissionPolicyBinding')!;
    assert.equal(binding.spec.policyName, policy.metadata.name);
    assert.deepEqual(binding.spec.validationActions, ['Deny']);
    assert.deepEqual(binding.spec.matchResources.namespaceSelector.matchExpressions[0].values, ['default']);
  });
  test('lists what changes in the comments above', () => {
    assert.match(out, /^# PodSecurityPolicy "restricted" migrated to Pod Security Admission: level restricted \(v1\.37\)\./m);
    assert.match(
      out,
      /^# Enforced beyond restricted by the ValidatingAdmissionPolicy below: a read-only root filesystem; containers add no capability; volumes only of the types configMap, emptyDir, projected, secret, downwardAPI; fsGroup within 1-65535; supplementalGroups within 1-65535\.$/m,
    );
    assert.match(out, /^# Stricter than the policy, restricted requires: .*seccompProfile/m);
  });
  test('the generated CEL parses, and our own CEL rule finds nothing in it', () => {
    for (const e of [policy.spec.variables[0].expression, ...policy.spec.validations.map((v: { expression: string }) => v.expression)]) parseCel(e);
    assert.deepEqual(
      check(out, { config: mergeConfig(), rules }).findings.filter((f) => f.category === 'admission' && f.ruleId !== 'admission-policy-binding'),
      [],
    );
  });
  test('the policy admits a pod with a read-only root filesystem and denies one without', () => {
    assert.deepEqual(denials(policy, pod('    securityContext: {readOnlyRootFilesystem: true}\n')), []);
    assert.deepEqual(denials(policy, pod('    securityContext: {readOnlyRootFilesystem: false}\n')), ['PodSecurityPolicy restricted required a read-only root filesystem']);
    assert.deepEqual(denials(policy, pod('')), ['PodSecurityPolicy restricted required a read-only root filesystem']);
  });
  test('and enforces the other fields no level covers', () => {
    const ok = '    securityContext: {readOnlyRootFilesystem: true}\n';
    assert.deepEqual(denials(policy, pod(`${ok}    volumeMounts: []\n`, '  securityContext: {fsGroup: 0}\n')), ['PodSecurityPolicy restricted required fsGroup within 1-65535']);
    assert.deepEqual(denials(policy, pod('    securityContext: {readOnlyRootFilesystem: true, capabilities: {add: [NET_BIND_SERVICE]}}\n')), [
      'PodSecurityPolicy restricted required containers add no capability',
    ]);
    assert.deepEqual(denials(policy, pod(ok, '  volumes: [{name: data, persistentVolumeClaim: {claimName: d}}]\n')), [
      'PodSecurityPolicy restricted required volumes only of the types configMap, emptyDir, projected, secret, downwardAPI',
    ]);
  });
});

describe('versions', () => {
  test('deprecated before 1.25, removed from 1.25', () => {
    assert.match(findingOf(psp(restricted), '1.24').message, /is deprecated since Kubernetes 1\.21/);
    assert.match(findingOf(psp(restricted), '1.25').message, /is removed since Kubernetes 1\.25/);
  });
  test('the admission API the target serves', () => {
    const ro = `${restricted}  readOnlyRootFilesystem: true\n`;
    assert.equal(migrated(psp(ro), '1.29').docs.find((d) => d.kind === 'ValidatingAdmissionPolicy')!.apiVersion, 'admissionregistration.k8s.io/v1beta1');
    assert.equal(migrated(psp(ro), '1.27').docs.find((d) => d.kind === 'ValidatingAdmissionPolicy')!.apiVersion, 'admissionregistration.k8s.io/v1alpha1');
    const old = migrated(psp(ro), '1.24');
    assert.equal(old.docs.filter((d) => d.kind === 'ValidatingAdmissionPolicy').length, 0);
    assert.match(
      old.out,
      /^# No ValidatingAdmissionPolicy at v1\.24 \(served from 1\.26\): enforce by other means what follows\.\n# Not enforced any more, review by hand: readOnlyRootFilesystem: a read-only root filesystem; allowedCapabilities: containers add no capability; volumes: volumes only of the types configMap, secret, emptyDir\.$/m,
    );
  });
  test('nothing beyond the level: labels only', () => {
    const { docs } = migrated(
      psp(
        restricted.replace('[configMap, secret, emptyDir]', '[configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret]\n  allowedCapabilities: [NET_BIND_SERVICE]'),
      ),
    );
    assert.deepEqual(
      docs.map((d) => d.kind),
      ['Namespace'],
    );
  });
});
