// The workspace's ValidatingAdmissionPolicies evaluated offline: the Kubernetes documentation's
// examples with the answers the API server gives, namespace selectors and parameters across files,
// messages, validationActions, matchConditions, variables and the offline path.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleTester } from '../../helpers/rule-tester';
import { findingsIn } from '../../helpers/policy-workspace';

const id = 'admission-policy-violation';

/** The documentation's demo policy: at most 5 replicas for Deployments. */
const demoPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
`;
const demoBinding = (actions = '[Deny]', match = '  matchResources:\n    namespaceSelector:\n      matchLabels:\n        environment: test\n') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "demo-policy.example.com"
  validationActions: ${actions}
${match}`;
const namespace = (name: string, labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: {${labels}}\n`;
const deployment = (replicas: number, ns = 'default', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
${extra}spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
`;
const denied = "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5";

test('the documentation’s demo policy: a Deployment of 7 replicas in a namespace labelled environment=test is denied', () => {
  const files = { '/w/policy.yaml': demoPolicy, '/w/binding.yaml': demoBinding(), '/w/ns.yaml': namespace('test', 'environment: test'), '/w/app.yaml': deployment(7, 'test') };
  assert.deepEqual(findingsIn(files, '/w/app.yaml', id), [{ messageId: 'denied', severity: 'error', message: denied, text: '7', line: 7 }]);
  assert.deepEqual(findingsIn({ ...files, '/w/app.yaml': deployment(5, 'test') }, '/w/app.yaml', id), []);
});

test('namespaceSelector: another namespace, or one whose labels the workspace does not declare, is not matched', () => {
  const files = { '/w/policy.yaml': demoPolicy, '/w/binding.yaml': demoBinding(), '/w/ns.yaml': namespace('prod', 'environment: prod'), '/w/app.yaml': deployment(7, 'prod') };
  assert.deepEqual(findingsIn(files, '/w/app.yaml', id), []);
  // Unknown labels: never guessed.
  assert.deepEqual(findingsIn({ ...files, '/w/app.yaml': deployment(7, 'staging') }, '/w/app.yaml', id), []);
});

test('validationActions give the severity: Deny → error, Warn → warning, Audit → information', () => {
  const base = { '/w/policy.yaml': demoPolicy, '/w/app.yaml': deployment(9) };
  const at = (actions: string) => findingsIn({ ...base, '/w/binding.yaml': demoBinding(actions, '') }, '/w/app.yaml', id).map((f) => [f.severity, f.message.split(':')[0]]);
  assert.deepEqual(at('[Deny]'), [['error', "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request"]]);
  assert.deepEqual(at('[Warn]'), [['warning', "Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com'"]]);
  assert.deepEqual(at('[Audit]'), [['info', "Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com'"]]);
  assert.deepEqual(at('[Warn, Audit]'), [['warning', "Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com'"]]);
  // A severity set for the rule wins over the binding's.
  assert.deepEqual(
    findingsIn({ ...base, '/w/binding.yaml': demoBinding('[Deny]', '') }, '/w/app.yaml', id, { rules: { [id]: 'warning' } }).map((f) => f.severity),
    ['warning'],
  );
});

/** The documentation's parameterised policy: the limit comes from a ReplicaLimit in another file. */
const paramPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "replicalimit-policy.example.com"
spec:
  failurePolicy: Fail
  paramKind:
    apiVersion: rules.example.com/v1
    kind: ReplicaLimit
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= params.maxReplicas"
      messageExpression: "'object.spec.replicas must be no greater than ' + string(params.maxReplicas)"
      reason: Invalid
`;
const paramBinding = (name: string, param: string, selector: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "${name}"
spec:
  policyName: "replicalimit-policy.example.com"
  validationActions: [Deny]
  paramRef:
    name: "${param}"
    namespace: "default"
    parameterNotFoundAction: Deny
  matchResources:
    namespaceSelector:
${selector}`;
const limit = (name: string, max: number) => `apiVersion: rules.example.com/v1\nkind: ReplicaLimit\nmetadata:\n  name: "${name}"\n  namespace: default\nmaxReplicas: ${max}\n`;
const paramFiles = {
  '/w/policy.yaml': paramPolicy,
  '/w/bindings.yaml': `${paramBinding('replicalimit-binding-test.example.com', 'replica-limit-test.example.com', '      matchLabels:\n        environment: test\n')}---\n${paramBinding('replicalimit-binding-nontest', 'replica-limit-prod.example.com', '      matchExpressions:\n      - key: environment\n        operator: NotIn\n        values:\n        - test\n')}`,
  '/w/limits.yaml': `${limit('replica-limit-test.example.com', 3)}---\n${limit('replica-limit-prod.example.com', 100)}`,
  '/w/ns.yaml': `${namespace('test', 'environment: test')}---\n${namespace('prod', 'environment: prod')}`,
};

test('params across files: the binding of each namespace takes its own ReplicaLimit, and messageExpression gives the message', () => {
  const inTest = findingsIn({ ...paramFiles, '/w/app.yaml': deployment(4, 'test') }, '/w/app.yaml', id);
  assert.deepEqual(
    inTest.map((f) => f.message),
    ["ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com' denied request: object.spec.replicas must be no greater than 3"],
  );
  assert.deepEqual(findingsIn({ ...paramFiles, '/w/app.yaml': deployment(4, 'prod') }, '/w/app.yaml', id), []);
  assert.deepEqual(
    findingsIn({ ...paramFiles, '/w/app.yaml': deployment(101, 'prod') }, '/w/app.yaml', id).map((f) => f.message),
    ["ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-nontest' denied request: object.spec.replicas must be no greater than 100"],
  );
});

test('params the workspace does not hold: not evaluated, and said once on the binding', () => {
  const { '/w/limits.yaml': _limits, ...files } = paramFiles;
  assert.deepEqual(findingsIn({ ...files, '/w/app.yaml': deployment(400, 'test') }, '/w/app.yaml', id), []);
  const onBinding = findingsIn(files, '/w/bindings.yaml', id);
  assert.deepEqual(
    onBinding.map((f) => [f.messageId, f.severity, f.line]),
    [
      ['paramsMissing', 'info', 8],
      ['paramsMissing', 'info', 24],
    ],
  );
});

test('params selected by labels from a ConfigMap: every selected object is evaluated', () => {
  const policy = paramPolicy.replace('apiVersion: rules.example.com/v1\n    kind: ReplicaLimit', 'apiVersion: v1\n    kind: ConfigMap').replace(/params\.maxReplicas/g, 'int(params.data.max)');
  const binding = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: by-label}
spec:
  policyName: "replicalimit-policy.example.com"
  validationActions: [Warn]
  paramRef:
    selector: {matchLabels: {limits: replicas}}
    parameterNotFoundAction: Allow
`;
  const maps = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: team, labels: {limits: replicas}}\ndata: {max: "6"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: team, labels: {limits: replicas}}\ndata: {max: "2"}\n`;
  const found = findingsIn({ '/w/p.yaml': policy, '/w/b.yaml': binding, '/w/cm.yaml': maps, '/w/app.yaml': deployment(4, 'team') }, '/w/app.yaml', id);
  assert.deepEqual(
    found.map((f) => [f.severity, f.message.replace(/^.*: /, '')]),
    [['warning', 'object.spec.replicas must be no greater than 2']],
  );
});

/** The documentation's variables example: images must carry the namespace's environment as a prefix. */
const variablesPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "image-matches-namespace-environment.policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  variables:
  - name: environment
    expression: "'environment' in namespaceObject.metadata.labels ? namespaceObject.metadata.labels['environment'] : 'prod'"
  - name: exempt
    expression: "has(object.metadata.labels) && 'exempt' in object.metadata.labels && object.metadata.labels['exempt'] == 'true'"
  - name: containers
    expression: "object.spec.template.spec.containers"
  - name: containersToCheck
    expression: "variables.containers.filter(c, c.image.contains('example.com/'))"
  validations:
  - expression: "variables.exempt || variables.containersToCheck.all(c, c.image.startsWith(variables.environment + '.'))"
    messageExpression: "'only ' + variables.environment + ' images are allowed in namespace ' + namespaceObject.metadata.name"
`;
const withImage = (ns: string, image: string, labels = '') => deployment(1, ns, labels).replace('image: nginx', `image: ${image}`);

test('variables and namespaceObject: the documentation’s image-matches-namespace-environment policy', () => {
  const files = {
    '/w/policy.yaml': variablesPolicy,
    '/w/binding.yaml': demoBinding('[Deny]', '').replace(/demo-policy\.example\.com/, 'image-matches-namespace-environment.policy.example.com'),
    '/w/ns.yaml': namespace('dev', 'environment: dev'),
  };
  const messages = (image: string, labels = '') => findingsIn({ ...files, '/w/app.yaml': withImage('dev', image, labels) }, '/w/app.yaml', id).map((f) => f.message.replace(/^.*denied request: /, ''));
  assert.deepEqual(messages('prod.example.com/nginx'), ['only dev images are allowed in namespace dev']);
  assert.deepEqual(messages('dev.example.com/nginx'), []);
  assert.deepEqual(messages('docker.io/nginx'), []);
  assert.deepEqual(messages('prod.example.com/nginx', '  labels: {exempt: "true"}\n'), []);
  // A namespace the workspace does not declare: its labels are unknown, nothing is guessed.
  assert.deepEqual(findingsIn({ ...files, '/w/app.yaml': withImage('other', 'prod.example.com/nginx') }, '/w/app.yaml', id), []);
});

/** The documentation's matchConditions example, whose second condition reads request.userInfo. */
const conditionsPolicy = (second: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  matchConstraints:
    resourceRules:
    - apiGroups:   ["*"]
      apiVersions: ["*"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["*"]
  matchConditions:
    - name: 'exclude-leases'
      expression: '!(request.resource.group == "coordination.k8s.io" && request.resource.resource == "leases")'
    - name: 'second'
      expression: '${second}'
  validations:
    - expression: "!object.metadata.name.contains('demo') || object.metadata.namespace == 'demo'"
`;
const named = (kind: string, apiVersion: string, name: string, ns: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;

test('matchConditions: all must hold; one that reads request.userInfo leaves the policy unevaluated, said once on the policy', () => {
  const rbac = conditionsPolicy('request.resource.group != "rbac.authorization.k8s.io"');
  const files = { '/w/policy.yaml': rbac, '/w/binding.yaml': demoBinding('[Deny]', '') };
  const on = (doc: string) => findingsIn({ ...files, '/w/x.yaml': doc }, '/w/x.yaml', id).map((f) => [f.text, f.message.replace(/^.*denied request: /, '')]);
  assert.deepEqual(on(named('ConfigMap', 'v1', 'demo-config', 'default')), [['demo-config', "failed expression: !object.metadata.name.contains('demo') || object.metadata.namespace == 'demo'"]]);
  assert.deepEqual(on(named('ConfigMap', 'v1', 'demo-config', 'demo')), []);
  assert.deepEqual(on(named('Lease', 'coordination.k8s.io/v1', 'demo-lease', 'default')), []);
  assert.deepEqual(on(named('Role', 'rbac.authorization.k8s.io/v1', 'demo-role', 'default')), []);
  const kubelet = conditionsPolicy('!("system:nodes" in request.userInfo.groups)');
  const offline = { '/w/policy.yaml': kubelet, '/w/binding.yaml': demoBinding('[Deny]', '') };
  assert.deepEqual(findingsIn({ ...offline, '/w/x.yaml': named('ConfigMap', 'v1', 'demo-config', 'default') }, '/w/x.yaml', id), []);
  assert.deepEqual(
    findingsIn(offline, '/w/policy.yaml', id).map((f) => [f.messageId, f.severity, f.text, f.message]),
    [
      [
        'offline',
        'info',
        `'!("system:nodes" in request.userInfo.groups)'`,
        "ValidatingAdmissionPolicy 'demo-policy.example.com': matchConditions[1].expression is not evaluated offline: it uses request.userInfo: the user of a request is known only to the API server",
      ],
    ],
  );
});

ruleTester(id, {
  valid: [
    { name: 'a compliant Deployment', code: `${demoPolicy}---\n${demoBinding('[Deny]', '')}---\n${deployment(3)}` },
    { name: 'a policy without a binding validates nothing', code: `${demoPolicy}---\n${deployment(9)}` },
    { name: 'another resource', code: `${demoPolicy}---\n${demoBinding('[Deny]', '')}---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {replicas: 9}\n` },
    {
      name: 'matchPolicy Exact and another version',
      code: `${demoPolicy.replace('failurePolicy: Fail', 'failurePolicy: Fail\n  matchConstraints:\n    matchPolicy: Exact').replace('  matchConstraints:\n    resourceRules', '    resourceRules').replace('["v1"]', '["v1beta1"]')}---\n${demoBinding('[Deny]', '')}---\n${deployment(9)}`,
    },
    {
      name: 'excluded by excludeResourceRules',
      code: `${demoPolicy.replace('  validations:', '    excludeResourceRules:\n    - apiGroups: ["apps"]\n      apiVersions: ["*"]\n      operations: ["*"]\n      resources: ["deployments"]\n      resourceNames: ["web"]\n  validations:')}---\n${demoBinding('[Deny]', '')}---\n${deployment(9)}`,
    },
    { name: 'objectSelector not matched', code: `${demoPolicy}---\n${demoBinding('[Deny]', '  matchResources:\n    objectSelector:\n      matchLabels: {tier: front}\n')}---\n${deployment(9)}` },
    {
      name: 'a field the API server defaults (replicas) is not guessed',
      code: `${demoPolicy}---\n${demoBinding('[Deny]', '')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n`,
    },
    { name: 'a Helm template is not evaluated', code: `${demoPolicy}---\n${demoBinding('[Deny]', '')}---\n${deployment(9).replace('replicas: 9', 'replicas: {{ .Values.replicas }}')}` },
    { name: 'YAML that is no Kubernetes resource', code: `${demoPolicy}---\n${demoBinding('[Deny]', '')}---\nspec:\n  replicas: 9\nname: not-kubernetes\n` },
    { name: 'a templated policy is not evaluated', code: `${demoPolicy.replace('<= 5', '<= {{ .Values.max }}')}---\n${demoBinding('[Deny]', '')}---\n${deployment(9)}` },
    {
      name: 'failurePolicy Ignore: an expression that errs is skipped',
      code: `${demoPolicy.replace('failurePolicy: Fail', 'failurePolicy: Ignore').replace('object.spec.replicas <= 5', 'object.spec.replicas / 0 == 1')}---\n${demoBinding('[Deny]', '')}---\n${deployment(9)}`,
    },
  ],
  invalid: [
    {
      name: 'the demo policy in one file (no namespace selector)',
      code: `${demoPolicy}---\n${demoBinding('[Deny]', '')}---\n${deployment(9)}`,
      errors: [{ messageId: 'denied', line: 30, column: 13, endColumn: 14 }],
      output: null,
    },
    {
      name: 'a message, and an object selector that matches',
      code: `${demoPolicy.replace('"object.spec.replicas <= 5"', '"object.spec.replicas <= 5"\n      message: too many replicas')}---\n${demoBinding('[Deny]', '  matchResources:\n    objectSelector:\n      matchLabels: {tier: front}\n')}---\n${deployment(9, 'default', '  labels: {tier: front}\n')}`,
      errors: [{ messageId: 'denied', line: 35, column: 13, endColumn: 14 }],
      output: null,
    },
    {
      name: 'failurePolicy Fail: an expression that errs denies (on the one field it reads)',
      code: `${demoPolicy.replace('object.spec.replicas <= 5', 'object.spec.replicas / (object.spec.replicas - 9) == 1')}---\n${demoBinding('[Deny]', '')}---\n${deployment(9)}`,
      errors: [{ messageId: 'failed', line: 30, column: 13, endColumn: 14 }],
      output: null,
    },
    {
      name: 'authorizer: said once on the policy, the other validations still evaluated',
      code: `${demoPolicy.replace('  validations:\n', "  validations:\n    - expression: \"authorizer.group('apps').resource('deployments').check('scale').allowed()\"\n    - expression: \"authorizer.serviceAccount('default', 'x').group('').resource('pods').check('get').allowed()\"\n")}---\n${demoBinding('[Deny]', '')}---\n${deployment(9)}`,
      errors: [
        { messageId: 'offline', line: 14, column: 19 },
        { messageId: 'denied', line: 32, column: 13 },
      ],
      output: null,
    },
  ],
});
