// Custom rules of the configuration: which resources they match, their messages, where findings go,
// suppression and severities as for built-in rules, and the evaluation errors.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, CustomRuleConfig, mergeConfig } from '../../../server/src/engine';
import { rules, rulesFor } from '../../../rules';

const deployment = (extra = '', labels = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop${labels ? `\n  labels:\n${labels}` : ''}${extra}
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  type: NodePort
`;

/** `rule: range-text message` of the custom findings. */
function run(text: string, customRules: CustomRuleConfig[], rules: Record<string, 'off' | 'error'> = {}): string[] {
  const config = mergeConfig({ customRules, rules });
  return check(text, { config, rules: rulesFor(config) })
    .findings.filter((f) => f.category === 'policy')
    .map((f) => `${f.ruleId}/${f.severity}: ${text.slice(f.offset, f.offset + f.length)} ${f.message}`);
}

const teamLabel: CustomRuleConfig = {
  id: 'team-label-required',
  title: 'Workloads carry a team label',
  severity: 'warning',
  match: { kinds: ['Deployment', 'StatefulSet'] },
  expression: "has(object.metadata.labels) && 'team' in object.metadata.labels",
  message: 'every workload needs a team label',
};

describe('matching', () => {
  const cases: Array<{ name: string; text: string; rule: CustomRuleConfig; found: string[] }> = [
    { name: 'a kind listed, label missing', text: deployment(), rule: teamLabel, found: ['team-label-required/warning: web every workload needs a team label'] },
    { name: 'the label present', text: deployment('', '    team: a'), rule: teamLabel, found: [] },
    { name: 'a kind not listed', text: service, rule: teamLabel, found: [] },
    {
      name: '"workload" means every kind with a pod template',
      text: deployment(),
      rule: { ...teamLabel, match: { kinds: ['workload'] } },
      found: ['team-label-required/warning: web every workload needs a team label'],
    },
    { name: 'no match: every resource', text: service, rule: { ...teamLabel, match: undefined }, found: ['team-label-required/warning: svc every workload needs a team label'] },
    { name: 'namespace listed', text: deployment(), rule: { ...teamLabel, match: { namespaces: ['shop'] } }, found: ['team-label-required/warning: web every workload needs a team label'] },
    { name: 'namespace not listed', text: deployment(), rule: { ...teamLabel, match: { namespaces: ['other'] } }, found: [] },
    { name: 'no namespace is default', text: service, rule: { ...teamLabel, match: { namespaces: ['default'] } }, found: ['team-label-required/warning: svc every workload needs a team label'] },
    {
      name: 'label selector matches',
      text: deployment('', '    tier: web'),
      rule: { ...teamLabel, match: { labelSelector: { matchLabels: { tier: 'web' } } } },
      found: ['team-label-required/warning: labels every workload needs a team label'],
    },
    { name: 'label selector does not match', text: deployment('', '    tier: db'), rule: { ...teamLabel, match: { labelSelector: { matchLabels: { tier: 'web' } } } }, found: [] },
    {
      name: 'matchExpressions',
      text: deployment('', '    tier: db'),
      rule: { ...teamLabel, match: { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] } } },
      found: ['team-label-required/warning: labels every workload needs a team label'],
    },
    {
      name: 'templated label: unknown, no finding',
      text: deployment('', '    tier: "{{ .Values.tier }}"'),
      rule: { ...teamLabel, match: { labelSelector: { matchLabels: { tier: 'web' } } } },
      found: [],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(run(c.text, [c.rule]), c.found));
});

describe('messages and places', () => {
  const nodePort: CustomRuleConfig = { id: 'no-nodeport', match: { kinds: ['Service'] }, expression: "object.spec.type != 'NodePort'", message: 'no NodePort Services' };
  test('one field read: the finding is on its value', () => assert.deepEqual(run(service, [nodePort]), ['no-nodeport/warning: NodePort no NodePort Services']));
  test('messageExpression', () => {
    const rule = { ...nodePort, messageExpression: "'Service ' + object.metadata.name + ' is of type ' + object.spec.type" };
    assert.deepEqual(run(service, [rule]), ['no-nodeport/warning: NodePort Service svc is of type NodePort']);
  });
  test('a failing messageExpression leaves the message', () => {
    const rule = { ...nodePort, messageExpression: 'object.spec.missing' };
    assert.deepEqual(run(service, [rule]), ['no-nodeport/warning: NodePort no NodePort Services']);
  });
  test('neither message: the title', () => {
    assert.deepEqual(run(service, [{ id: 'no-nodeport', title: 'No NodePort', expression: "object.spec.type != 'NodePort'" }]), ['no-nodeport/warning: NodePort No NodePort']);
  });
  test('integers are CEL ints', () => {
    assert.deepEqual(run(deployment(), [{ id: 'few-replicas', expression: 'object.spec.replicas + 1 <= 3', message: 'too many' }]), ['few-replicas/warning: 3 too many']);
  });
  test('several fields read: the name', () => {
    const rule = {
      id: 'images',
      expression: "object.metadata.name == 'x' || object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))",
      message: 'images from our registry',
    };
    assert.deepEqual(run(deployment(), [rule]), ['images/warning: web images from our registry']);
  });
  test('a map read: its key', () => {
    assert.deepEqual(run(deployment('', '    tier: web'), [teamLabel]), ['team-label-required/warning: labels every workload needs a team label']);
  });
});

describe('severity and suppression as for built-in rules', () => {
  test('severity from the rule, overridden by rules:', () => {
    assert.deepEqual(run(service, [{ ...teamLabel, match: undefined, severity: 'info' }]), ['team-label-required/info: svc every workload needs a team label']);
    assert.deepEqual(run(service, [{ ...teamLabel, match: undefined }], { 'team-label-required': 'error' }), ['team-label-required/error: svc every workload needs a team label']);
    assert.deepEqual(run(service, [{ ...teamLabel, match: undefined }], { 'team-label-required': 'off' }), []);
  });
  test('a suppression comment', () => {
    const text = deployment().replace('  name: web', '  # kube-harden-ignore team-label-required\n  name: web');
    assert.deepEqual(run(text, [teamLabel]), []);
  });
  test('a suppression annotation', () => {
    const text = deployment('\n  annotations:\n    ignore.kube-harden.io/team-label-required: "owned by platform"');
    assert.deepEqual(run(text, [teamLabel]), []);
  });
  test('a built-in id or a repeated id does not run', () => {
    assert.deepEqual(run(service, [{ ...teamLabel, id: rules[0].id, match: undefined }]), []);
    assert.deepEqual(
      run(service, [
        { ...teamLabel, match: undefined },
        { ...teamLabel, match: undefined, message: 'second' },
      ]),
      ['team-label-required/warning: svc every workload needs a team label'],
    );
  });
  test('an expression that does not compile does not run (it is a config problem)', () => {
    assert.deepEqual(run(service, [{ id: 'broken', expression: 'object.spec.(' }]), []);
  });
});

describe('evaluation errors are not compliance', () => {
  test('no such key', () => {
    const found = run(service, [{ id: 'needs-team', expression: "object.metadata.labels.team == 'a'", message: 'team a' }]);
    assert.equal(found.length, 1);
    assert.deepEqual(found, ['needs-team/warning: svc needs-team: the expression could not be evaluated on this resource (field not found: labels)']);
  });
  test('a result that is not a bool', () => {
    assert.deepEqual(run(service, [{ id: 'not-bool', expression: 'object.spec.type' }]), [
      'not-bool/warning: NodePort not-bool: the expression could not be evaluated on this resource (it gave NodePort, not true or false)',
    ]);
  });
  test('a value of the manifest quoted by CEL is left out', () => {
    const text = service.replace('NodePort', 'hunter2-secret-value');
    const [found] = run(text, [{ id: 'port-int', expression: 'int(object.spec.type) > 0' }]);
    assert.equal(found, 'port-int/warning: hunter2-secret-value port-int: the expression could not be evaluated on this resource (an error in the expression or the data it reads)');
  });
  test('non-Kubernetes YAML and patches get nothing', () => {
    assert.deepEqual(run('name: x\nitems: [1]\n', [{ ...teamLabel, match: undefined }]), []);
  });
});

describe('namespaceObject', () => {
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    env: prod\n---\n';
  const rule: CustomRuleConfig = {
    id: 'prod-replicas',
    match: { kinds: ['Deployment'] },
    expression: "namespaceObject == null || !has(namespaceObject.metadata.labels.env) || namespaceObject.metadata.labels.env != 'prod' || object.spec.replicas >= 5",
    message: 'production workloads run 5 replicas',
  };
  test('the Namespace of the workspace', () => assert.deepEqual(run(namespace + deployment(), [rule]), ['prod-replicas/warning: 3 production workloads run 5 replicas']));
  test('null without it', () => assert.deepEqual(run(deployment(), [rule]), []));
});
