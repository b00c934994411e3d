// The pieces of the offline evaluation: resource plurals, resource rules under matchPolicy, the
// offline test of an expression, messages and their fallbacks, variables computed lazily, and Kyverno's
// kinds; and a Secret's refusal that never quotes it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, offlineParts, offlineWhy, prepare, programOf } from '../../../rules/policy/admission-eval';
import { matchResources, resourceOf, Target } from '../../../rules/policy/admission-match';
import { blockMatches } from '../../../rules/policy/kyverno-match';
import { toCel } from '../../../rules/policy/cel-eval';
import { findingsIn } from '../../helpers/policy-workspace';

test('resource plurals as the API server names them', () => {
  const cases: Record<string, string> = {
    Pod: 'pods',
    Deployment: 'deployments',
    Ingress: 'ingresses',
    NetworkPolicy: 'networkpolicies',
    Endpoints: 'endpoints',
    Gateway: 'gateways',
    ReplicaLimit: 'replicalimits',
    PodSecurityPolicy: 'podsecuritypolicies',
  };
  for (const [kind, plural] of Object.entries(cases)) assert.equal(resourceOf(kind), plural, kind);
});

const target = (over: Partial<Target> = {}): Target => ({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  name: 'web',
  namespace: 'default',
  namespaceLabels: { values: { 'kubernetes.io/metadata.name': 'default' }, unknown: true },
  labels: { values: {}, unknown: false },
  ...over,
});

test('resource rules: operations, subresources, matchPolicy Equivalent and Exact, unknown namespace labels', () => {
  const rule = (over: Record<string, unknown> = {}) => ({ resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'], ...over }] });
  assert.equal(matchResources(rule(), target(), true), true);
  assert.equal(matchResources(rule({ operations: ['UPDATE'] }), target(), true), false);
  assert.equal(matchResources(rule({ resources: ['deployments/scale'] }), target(), true), false);
  assert.equal(matchResources(rule({ resources: ['*/*'] }), target(), true), true);
  // Equivalent (the default) reaches apps/v1 Deployments through an extensions/v1beta1 rule.
  assert.equal(matchResources(rule({ apiGroups: ['extensions'], apiVersions: ['v1beta1'] }), target(), true), true);
  assert.equal(matchResources({ ...rule({ apiGroups: ['extensions'], apiVersions: ['v1beta1'] }), matchPolicy: 'Exact' }, target(), true), false);
  // A policy without resource rules matches nothing; a binding without them restricts nothing.
  assert.equal(matchResources({}, target(), true), false);
  assert.equal(matchResources({}, target(), false), true);
  // Labels of a namespace the workspace does not declare: unknown, but its name is known.
  assert.equal(matchResources({ ...rule(), namespaceSelector: { matchLabels: { env: 'prod' } } }, target(), true), undefined);
  assert.equal(matchResources({ ...rule(), namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['kube-system'] }] } }, target(), true), false);
  // A cluster-scoped object other than a Namespace is not subject to the namespace selector.
  assert.equal(
    matchResources(
      { resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'] }], namespaceSelector: { matchLabels: { env: 'prod' } } },
      target({ kind: 'ClusterRole', namespace: null }),
      true,
    ),
    true,
  );
});

test('offline: the authorizer, request.userInfo, unknown functions; the rest is evaluated', () => {
  assert.match(offlineWhy("authorizer.group('').resource('pods').check('get').allowed()")!, /authorizer/);
  assert.match(offlineWhy("request.userInfo.username == 'admin'")!, /userInfo/);
  assert.match(offlineWhy('math.sqrt(object.spec.replicas) > 2.0')!, /math\.sqrt: a function of the math \(cel-go ext\) library that kube-harden does not implement/);
  assert.match(offlineWhy('object.metadata.name.noSuchFunction()')!, /noSuchFunction\(\), which kube-harden does not know/);
  assert.equal(offlineWhy("object.metadata.labels['team'] == 'a'"), undefined);
  assert.equal(offlineWhy("request.operation == 'CREATE' && object.spec.replicas > 1"), undefined);
  // A variable that reads the authorizer makes its readers offline too.
  const program = programOf({
    variables: [
      { name: 'can', expression: "authorizer.group('').resource('pods').check('get').allowed()" },
      { name: 'x', expression: 'variables.can' },
    ],
    validations: [{ expression: 'variables.x' }],
  });
  const { parts, variables } = offlineParts(program);
  assert.deepEqual(
    parts.map((p) => p.field),
    ['variables[0].expression'],
  );
  assert.deepEqual([...variables], ['can', 'x']);
  assert.deepEqual(evaluate(prepare(program, variables), { object: toCel({}) }), []);
});

const run = (spec: Record<string, unknown>, object: unknown) => {
  const program = programOf(spec);
  return evaluate(prepare(program, offlineParts(program).variables), {
    object: toCel(object),
    oldObject: null,
    request: toCel({ operation: 'CREATE' }),
    params: null,
    namespaceObject: null,
    authorizer: null,
  });
};

test('messages: messageExpression, else message, else the failed expression; an empty or failing messageExpression falls back', () => {
  const object = { spec: { replicas: 9 } };
  const messages = (validation: Record<string, unknown>) =>
    run({ validations: [{ expression: 'object.spec.replicas <= 5', ...validation }] }, object).map((o) => (o.kind === 'violation' ? o.message : o.reason));
  assert.deepEqual(messages({ message: 'too many', messageExpression: "'replicas ' + string(object.spec.replicas)" }), ['replicas 9']);
  assert.deepEqual(messages({ message: 'too many', messageExpression: "''" }), ['too many']);
  assert.deepEqual(messages({ message: 'too many', messageExpression: 'object.spec.nothing' }), ['too many']);
  assert.deepEqual(messages({}), ['failed expression: object.spec.replicas <= 5']);
});

test('variables: computed in order, each reading the earlier ones; one that fails and is not read changes nothing', () => {
  const spec = {
    variables: [
      { name: 'broken', expression: 'object.spec.nothing.deeper' },
      { name: 'replicas', expression: 'object.spec.replicas' },
      { name: 'double', expression: 'variables.replicas * 2' },
    ],
    validations: [{ expression: 'variables.double <= 10', messageExpression: "'double is ' + string(variables.double)" }],
  };
  assert.deepEqual(
    run(spec, { spec: { replicas: 9 } }).map((o) => o.kind === 'violation' && o.message),
    ['double is 18'],
  );
  assert.deepEqual(run(spec, { spec: { replicas: 5 } }), []);
});

test('Kyverno kinds: Kind, version/Kind, group/version/Kind, wildcards; any and all', () => {
  const match = (kinds: string[]) => blockMatches({ any: [{ resources: { kinds } }] }, target());
  assert.equal(match(['Deployment']), true);
  assert.equal(match(['v1/Deployment']), true);
  assert.equal(match(['apps/v1/Deployment']), true);
  assert.equal(match(['apps/v1beta1/Deployment']), false);
  assert.equal(match(['Deploy*']), true);
  assert.equal(match(['Pod']), false);
  assert.equal(blockMatches({ all: [{ resources: { kinds: ['Deployment'] } }, { resources: { names: ['api'] } }] }, target()), false);
  assert.equal(blockMatches({ resources: { kinds: ['Deployment'] } }, target()), true);
});

test('a Secret refused by a policy: the static message, never a messageExpression that could quote its data', () => {
  const policy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-plain-passwords}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [secrets]}
  validations:
  - expression: "!has(object.stringData)"
    messageExpression: "'found ' + object.stringData.password"
    message: use data, not stringData
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-plain-passwords}
spec:
  policyName: no-plain-passwords
  validationActions: [Deny]
`;
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: hunter2-s3cr3t\n';
  const found = findingsIn({ '/w/p.yaml': policy, '/w/s.yaml': secret }, '/w/s.yaml', 'admission-policy-violation');
  assert.deepEqual(
    found.map((f) => f.message),
    ["ValidatingAdmissionPolicy 'no-plain-passwords' with binding 'no-plain-passwords' denied request: use data, not stringData"],
  );
  assert.ok(found.every((f) => !f.message.includes('hunter2')));
});
