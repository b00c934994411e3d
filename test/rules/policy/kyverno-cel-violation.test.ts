// Kyverno rules written with validate.cel, evaluated offline: match and exclude filters, namespaced
// Policies, Enforce and Audit, parameters, preconditions, and the rules that are not evaluated.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleTester } from '../../helpers/rule-tester';
import { findingsIn } from '../../helpers/policy-workspace';

const id = 'kyverno-cel-violation';

/** Kyverno's documentation example: Deployments of fewer than 3 replicas. */
const policy = (action = 'Enforce', match = '        any:\n        - resources:\n            kinds:\n              - Deployment\n', extra = '') => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: check-deployment-replicas
spec:
  validationFailureAction: ${action}
  background: false
  rules:
    - name: check-deployment-replicas
      match:
${match}${extra}      validate:
        cel:
          expressions:
            - expression: "object.spec.replicas < 3"
              message:  "Deployment spec.replicas must be less than 3."
`;
const deployment = (replicas: number, ns = 'default', labels = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
${labels}spec:
  replicas: ${replicas}
`;

ruleTester(id, {
  valid: [
    { name: 'compliant', code: `${policy()}---\n${deployment(2)}` },
    { name: 'another kind', code: `${policy()}---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {replicas: 5}\n` },
    {
      name: 'another namespace',
      code: `${policy('Enforce', '        any:\n        - resources:\n            kinds: [Deployment]\n            namespaces: ["prod-*"]\n')}---\n${deployment(5, 'staging')}`,
    },
    {
      name: 'excluded by name',
      code: `${policy('Enforce', '        any:\n        - resources:\n            kinds: [Deployment]\n', '      exclude:\n        any:\n        - resources:\n            names: ["w?b"]\n')}---\n${deployment(5)}`,
    },
    {
      name: 'matched only for a subject: unknown offline',
      code: `${policy('Enforce', '        any:\n        - subjects:\n          - kind: User\n            name: dev\n          resources:\n            kinds: [Deployment]\n')}---\n${deployment(5)}`,
    },
    { name: 'UPDATE only', code: `${policy('Enforce', '        any:\n        - resources:\n            kinds: [Deployment]\n            operations: [UPDATE]\n')}---\n${deployment(5)}` },
    {
      name: 'JMESPath preconditions are not evaluated',
      code: `${policy('Enforce', '        any:\n        - resources:\n            kinds: [Deployment]\n', '      preconditions:\n        all:\n        - key: "{{ request.operation }}"\n          operator: Equals\n          value: CREATE\n')}---\n${deployment(5)}`,
    },
    {
      name: 'celPreconditions false',
      code: `${policy('Enforce', '        any:\n        - resources:\n            kinds: [Deployment]\n', '      celPreconditions:\n      - name: big\n        expression: "object.metadata.name == \'big\'"\n')}---\n${deployment(5)}`,
    },
  ],
  invalid: [
    {
      name: 'Enforce: an error on the field',
      code: `${policy()}---\n${deployment(5)}`,
      errors: [{ messageId: 'enforced', line: 27, column: 13, endColumn: 14 }],
      output: null,
    },
    {
      name: 'Audit, kinds with group and version, a label selector',
      code: `${policy('Audit', '        all:\n        - resources:\n            kinds: [apps/v1/Deployment]\n            selector: {matchLabels: {tier: front}}\n')}---\n${deployment(5, 'default', '  labels: {tier: front}\n')}`,
      errors: [{ messageId: 'audited', line: 28, column: 13, endColumn: 14 }],
      output: null,
    },
    {
      name: 'celPreconditions that hold',
      code: `${policy('Enforce', '        any:\n        - resources:\n            kinds: [Deployment]\n', '      celPreconditions:\n      - name: web\n        expression: "object.metadata.name == \'web\'"\n')}---\n${deployment(5)}`,
      errors: [{ messageId: 'enforced', line: 29, column: 13, endColumn: 14 }],
      output: null,
    },
  ],
});

test('Enforce → error, Audit → warning, with the rule’s message; a rule-level failureAction wins', () => {
  const files = (p: string) => ({ '/w/policy.yaml': p, '/w/app.yaml': deployment(5) });
  const at = (p: string) => findingsIn(files(p), '/w/app.yaml', id).map((f) => [f.severity, f.message]);
  assert.deepEqual(at(policy()), [['error', "ClusterPolicy 'check-deployment-replicas' rule 'check-deployment-replicas' blocks this resource: Deployment spec.replicas must be less than 3."]]);
  assert.deepEqual(at(policy('Audit')), [
    ['warning', "ClusterPolicy 'check-deployment-replicas' rule 'check-deployment-replicas' reports this resource (Audit): Deployment spec.replicas must be less than 3."],
  ]);
  assert.deepEqual(
    at(policy('Audit').replace('        cel:', '        failureAction: Enforce\n        cel:')).map((f) => f[0]),
    ['error'],
  );
});

test('a namespaced Policy validates only its own namespace; namespaceSelector reads the workspace’s Namespaces', () => {
  const namespaced = policy().replace('kind: ClusterPolicy', 'kind: Policy').replace('  name: check-deployment-replicas\n', '  name: check-deployment-replicas\n  namespace: team\n');
  assert.equal(findingsIn({ '/w/p.yaml': namespaced, '/w/a.yaml': deployment(5, 'team') }, '/w/a.yaml', id).length, 1);
  assert.equal(findingsIn({ '/w/p.yaml': namespaced, '/w/a.yaml': deployment(5, 'other') }, '/w/a.yaml', id).length, 0);
  const bySelector = policy('Enforce', '        any:\n        - resources:\n            kinds: [Deployment]\n            namespaceSelector: {matchLabels: {env: prod}}\n');
  const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {env: prod}\n';
  assert.equal(findingsIn({ '/w/p.yaml': bySelector, '/w/ns.yaml': ns, '/w/a.yaml': deployment(5, 'shop') }, '/w/a.yaml', id).length, 1);
  assert.equal(findingsIn({ '/w/p.yaml': bySelector, '/w/a.yaml': deployment(5, 'shop') }, '/w/a.yaml', id).length, 0);
});

test('params from a ConfigMap of another file (paramKind and paramRef in validate.cel)', () => {
  const withParams = policy()
    .replace('        cel:\n', '        cel:\n          paramKind: {apiVersion: v1, kind: ConfigMap}\n          paramRef: {name: limits, namespace: default, parameterNotFoundAction: Deny}\n')
    .replace('object.spec.replicas < 3', 'object.spec.replicas <= int(params.data.max)');
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits, namespace: default}\ndata: {max: "4"}\n';
  assert.equal(findingsIn({ '/w/p.yaml': withParams, '/w/cm.yaml': cm, '/w/a.yaml': deployment(5) }, '/w/a.yaml', id).length, 1);
  assert.equal(findingsIn({ '/w/p.yaml': withParams, '/w/cm.yaml': cm, '/w/a.yaml': deployment(4) }, '/w/a.yaml', id).length, 0);
  assert.equal(findingsIn({ '/w/p.yaml': withParams, '/w/a.yaml': deployment(5) }, '/w/a.yaml', id).length, 0);
});

test('pattern rules are not evaluated: a hint on the policy; offline expressions once per rule', () => {
  const mixed = `${policy()}    - name: require-labels
      match:
        any:
        - resources:
            kinds: [Pod]
      validate:
        pattern:
          metadata:
            labels:
              app: "?*"
    - name: who
      match:
        any:
        - resources:
            kinds: [Pod]
      validate:
        cel:
          expressions:
            - expression: "request.userInfo.username != 'admin'"
`;
  assert.deepEqual(
    findingsIn({ '/w/p.yaml': mixed }, '/w/p.yaml', id).map((f) => [f.messageId, f.severity, f.text]),
    [
      ['notEvaluated', 'hint', 'check-deployment-replicas'],
      ['offline', 'info', `"request.userInfo.username != 'admin'"`],
    ],
  );
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: nginx}]}\n';
  assert.deepEqual(findingsIn({ '/w/p.yaml': mixed, '/w/pod.yaml': pod }, '/w/pod.yaml', id), []);
});
