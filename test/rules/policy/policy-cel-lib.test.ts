// Admission policies that use the Kubernetes CEL libraries, evaluated offline as the API server
// evaluates them: quantities, IP addresses and CIDRs, URLs, regular expressions, lists, sets, formats
// and optionals; a function kube-harden lacks is named once on the policy, never guessed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingsIn } from '../../helpers/policy-workspace';

const policy = (expression: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: lib
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["deployments"]
  variables:
  - name: containers
    expression: "object.spec.template.spec.containers"
  validations:
  - expression: ${JSON.stringify(expression)}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: lib
spec:
  policyName: lib
  validationActions: [Deny]
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {tier: front, team: shop}
  annotations:
    example.com/callback: https://hooks.example.com:8443/deploy?x=1
    example.com/allowed-cidr: 10.0.0.0/16
    example.com/peer: 10.0.3.7
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: app
        image: registry.example.com/web:1.2.3
        ports: [{containerPort: 8080}, {containerPort: 9090}]
        resources:
          requests: {cpu: 250m, memory: 256Mi}
          limits: {cpu: "1", memory: 1Gi}
      - name: sidecar
        image: registry.example.com/proxy:2.0.0
        resources:
          limits: {cpu: 500m, memory: 2Gi}
`;

/** [expression, whether the API server admits the Deployment]. */
const cases: Array<[string, boolean]> = [
  ["variables.containers.all(c, quantity(c.resources.limits.memory).compareTo(quantity('1Gi')) <= 0)", false],
  ["variables.containers.all(c, quantity(c.resources.limits.memory).isLessThan(quantity('4Gi')))", true],
  ['quantity(variables.containers[0].resources.requests.cpu).asApproximateFloat() == 0.25', true],
  ['variables.containers.all(c, isQuantity(c.resources.limits.cpu))', true],
  ["cidr(object.metadata.annotations['example.com/allowed-cidr']).containsIP(ip(object.metadata.annotations['example.com/peer']))", true],
  ["cidr('192.168.0.0/24').containsIP(object.metadata.annotations['example.com/peer'])", false],
  ["isIP(object.metadata.annotations['example.com/peer']) && ip(object.metadata.annotations['example.com/peer']).family() == 4", true],
  ["url(object.metadata.annotations['example.com/callback']).getScheme() == 'https'", true],
  ["url(object.metadata.annotations['example.com/callback']).getPort() == '443'", false],
  ["isURL(object.metadata.annotations['example.com/callback']) && url(object.metadata.annotations['example.com/callback']).getHostname() == 'hooks.example.com'", true],
  ["variables.containers.all(c, c.image.matches('^registry\\\\.example\\\\.com/'))", true],
  ["variables.containers.all(c, c.image.find('[0-9]+\\\\.[0-9]+\\\\.[0-9]+') == '1.2.3')", false],
  ['variables.containers[0].ports.map(p, p.containerPort).isSorted()', true],
  ['variables.containers[0].ports.map(p, p.containerPort).sum() <= 10000', false],
  ["sets.contains(['front', 'back'], [object.metadata.labels.tier])", true],
  ['format.dns1123Label().validate(object.metadata.name).hasValue() == false', true],
  ['optional.of(object.spec.replicas).orValue(1) <= 2', false],
  ["object.metadata.labels.team.upperAscii() == 'SHOP' && object.metadata.name.indexOf('e') == 1", true],
  ["semver(variables.containers[0].image.split(':')[1]).isGreaterThan(semver('1.0.0'))", true],
];

test('policies using the Kubernetes CEL libraries: the API server’s answers', () => {
  for (const [expression, admitted] of cases) {
    const files = { '/w/policy.yaml': policy(expression), '/w/app.yaml': deployment };
    const found = findingsIn(files, '/w/app.yaml', 'admission-policy-violation');
    assert.deepEqual(
      found.map((f) => f.messageId),
      admitted ? [] : ['denied'],
      expression,
    );
    assert.deepEqual(findingsIn(files, '/w/policy.yaml', 'admission-policy-violation'), [], `${expression} is evaluated offline`);
  }
});

test('a function the libraries name but kube-harden lacks, or syntax its parser does not read: once on the policy, nothing on the resource', () => {
  for (const [expression, why] of [
    ['math.sqrt(double(object.spec.replicas)) < 1.0', /it uses math\.sqrt: a function of the math \(cel-go ext\) library that kube-harden does not implement$/],
    ['object.?spec.?replicas.orValue(1) <= 2', /kube-harden cannot read it/],
  ] as const) {
    const files = { '/w/policy.yaml': policy(expression), '/w/app.yaml': deployment };
    assert.deepEqual(findingsIn(files, '/w/app.yaml', 'admission-policy-violation'), [], expression);
    const found = findingsIn(files, '/w/policy.yaml', 'admission-policy-violation');
    assert.deepEqual(
      found.map((f) => [f.messageId, f.severity, f.text]),
      [['offline', 'info', JSON.stringify(expression)]],
    );
    assert.match(found[0].message, why);
  }
});
