// Selector semantics exactly as Kubernetes: every operator, namespaces, policyTypes defaults, Cilium
// policies, templated labels, every workload kind; the seed article's `allow-my-app`; the index.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, Labels, matches, mergeConfig, parseSelector, applyEdits, parseManifest, resourceChannel } from '../../../server/src/engine';
import { globToRegExp, ExcludeMatcher } from '../../../server/src/io';
import { rules } from '../../../rules';
import { isolation } from '../../../rules/network/coverage';
import { policies, workloads } from '../../../rules/network/facts';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const labels = (values: Record<string, string | null>, unknown = false): Labels => ({ values, unknown });

describe('label selectors', () => {
  const table: Array<[string, unknown, Record<string, string | null>, boolean | undefined]> = [
    ['{} selects everything', {}, { app: 'a' }, true],
    ['{} selects pods without labels', {}, {}, true],
    ['matchLabels equal', { matchLabels: { app: 'a' } }, { app: 'a', tier: 'x' }, true],
    ['matchLabels different value', { matchLabels: { app: 'a' } }, { app: 'b' }, false],
    ['matchLabels missing key', { matchLabels: { app: 'a' } }, {}, false],
    ['matchLabels ANDed', { matchLabels: { app: 'a', tier: 'web' } }, { app: 'a', tier: 'db' }, false],
    ['In matches one of the values', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, { app: 'b' }, true],
    ['In does not match a missing key', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] }, {}, false],
    ['NotIn rejects a listed value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, { app: 'a' }, false],
    ['NotIn accepts another value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, { app: 'c' }, true],
    ['NotIn also matches pods without the key', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, {}, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { app: '' }, true],
    ['Exists without the key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, {}, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, {}, true],
    ['DoesNotExist with the key', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, { app: 'a' }, false],
    ['matchLabels AND matchExpressions', { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }, { app: 'a', tier: 'db' }, false],
    ['a templated pod label is unknown', { matchLabels: { app: 'a' } }, { app: null }, undefined],
    ['a templated selector value is unknown', { matchLabels: { app: '{{ .Values.app }}' } }, { app: 'a' }, undefined],
    ['a templated selector is still false when a known part fails', { matchLabels: { app: '{{ .Values.app }}', tier: 'web' } }, { tier: 'db' }, false],
    ['an unknown operator is unknown', { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, { app: '2' }, undefined],
    ['numbers in matchLabels compare as strings', { matchLabels: { version: 2 } }, { version: '2' }, true],
  ];
  for (const [name, selector, pod, expected] of table) {
    test(name, () => assert.equal(matches(parseSelector(selector), labels(pod)), expected));
  }
  test('unknown pod label keys make a missing key unknown', () => {
    assert.equal(matches(parseSelector({ matchLabels: { app: 'a' } }), labels({}, true)), undefined);
  });
});

const config = mergeConfig();
const lintAll = (text: string, extra: Record<string, 'warning'> = {}) =>
  check(text, { config: mergeConfig({ rules: extra }), rules, onRuleError: (id, e) => assert.fail(`${id} threw ${String(e)}`) }).findings.filter((f) => f.category === 'network');
const ingressNames = (text: string) =>
  lintAll(text)
    .filter((f) => f.ruleId === 'network-ingress-isolation')
    .map((f) => f.resource.name)
    .sort();
const egressNames = (text: string) =>
  lintAll(text, { 'network-egress-isolation': 'warning' })
    .filter((f) => f.ruleId === 'network-egress-isolation')
    .map((f) => f.resource.name)
    .sort();

const deploy = (name: string, labelsYaml: string, namespace?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  template:
    metadata:
      labels: ${labelsYaml}
    spec:
      containers:
        - name: app
          image: x
`;

const netpol = (spec: string, namespace?: string, name = 'p') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
${spec}
`;

const docs = (...parts: string[]) => parts.join('---\n');

describe('the seed article', () => {
  const allowMyApp = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
 name: allow-my-app
spec:
 podSelector:
   matchLabels:
     app: my-app
 policyTypes:
 - Ingress
 ingress:
 - from:
   - podSelector:
       matchLabels:
         app: my-app
   ports:
   - protocol: TCP
     port: 80
`;
  test('allow-my-app isolates app: my-app in its namespace, not app: other', () => {
    assert.deepEqual(ingressNames(docs(deploy('mine', '{app: my-app}'), deploy('other', '{app: other}'), allowMyApp)), ['other']);
  });
  test('across files of the workspace index, and not in another namespace', () => {
    const model = workspaceOf({ '/ws/policy.yaml': allowMyApp });
    const text = docs(deploy('mine', '{app: my-app}'), deploy('elsewhere', '{app: my-app}', 'prod'));
    const file = parseManifest(text);
    const findings = check(text, { config, rules, workspace: viewOf(model, '/ws/app.yaml', text) }).findings.filter((f) => f.ruleId === 'network-ingress-isolation');
    assert.deepEqual(
      findings.map((f) => f.resource.name),
      ['elsewhere'],
    );
    assert.ok(file.documents.length === 2);
  });
});

describe('policyTypes and directions', () => {
  const d = deploy('web', '{app: web}');
  const sel = '  podSelector:\n    matchLabels:\n      app: web';
  test('omitted policyTypes: ingress isolated, egress only with egress rules', () => {
    assert.deepEqual(ingressNames(docs(d, netpol(sel))), []);
    assert.deepEqual(egressNames(docs(d, netpol(sel))), ['web']);
    assert.deepEqual(egressNames(docs(d, netpol(`${sel}\n  egress:\n    - to:\n        - podSelector: {}`))), []);
    // An empty egress list is no egress rule: the API server's defaulting adds Egress only for a non-empty one.
    assert.deepEqual(egressNames(docs(d, netpol(`${sel}\n  egress: []`))), ['web']);
  });
  test('policyTypes: [Egress] isolates egress only (an egress-only policy does not count for ingress)', () => {
    const p = netpol(`${sel}\n  policyTypes: [Egress]`);
    assert.deepEqual(ingressNames(docs(d, p)), ['web']);
    assert.deepEqual(egressNames(docs(d, p)), []);
  });
  test('policyTypes: [Ingress, Egress] isolates both; [] means omitted', () => {
    const both = netpol(`${sel}\n  policyTypes: [Ingress, Egress]`);
    assert.deepEqual(ingressNames(docs(d, both)), []);
    assert.deepEqual(egressNames(docs(d, both)), []);
    assert.deepEqual(ingressNames(docs(d, netpol(`${sel}\n  policyTypes: []`))), []);
  });
  test('a templated policyTypes is unknown: no finding', () => {
    assert.deepEqual(ingressNames(docs(d, netpol(`${sel}\n  policyTypes: ["{{ .Values.types }}"]`))), []);
  });
  test('the egress rule is off by default', () => {
    assert.deepEqual(
      lintAll(d).map((f) => f.ruleId),
      ['network-ingress-isolation'],
    );
  });
});

describe('selectors and namespaces', () => {
  test('{} selects every pod of its namespace; a missing podSelector is read as {}', () => {
    assert.deepEqual(ingressNames(docs(deploy('a', '{x: "1"}'), deploy('b', '{}'), netpol('  podSelector: {}'))), []);
    assert.deepEqual(ingressNames(docs(deploy('a', '{x: "1"}'), netpol('  policyTypes: [Ingress]'))), []);
  });
  test('namespaces: explicit ones must be equal; unspecified is one namespace of its own', () => {
    const all = netpol('  podSelector: {}', 'shop');
    assert.deepEqual(ingressNames(docs(deploy('in', '{a: b}', 'shop'), deploy('out', '{a: b}', 'prod'), deploy('none', '{a: b}'), all)), ['none', 'out']);
    assert.deepEqual(ingressNames(docs(deploy('none', '{a: b}'), deploy('default', '{a: b}', 'default'), netpol('  podSelector: {}'))), ['default']);
  });
  test('templated labels and namespaces never produce a finding', () => {
    const p = netpol('  podSelector:\n    matchLabels:\n      app: web');
    assert.deepEqual(ingressNames(docs(deploy('t', '{app: "{{ .Values.app }}"}'), p)), []);
    assert.deepEqual(ingressNames(docs(deploy('t', '{app: web}', '"{{ .Release.Namespace }}"'), netpol('  podSelector: {}', 'shop'))), []);
    assert.deepEqual(ingressNames(docs(deploy('t', '{app: other}'), netpol('  podSelector:\n    matchLabels:\n      app: "{{ .Values.app }}"'))), []);
  });
  test('every operator through a real policy', () => {
    const expr = (e: string) => netpol(`  podSelector:\n    matchExpressions:\n      - ${e}`);
    const pods = docs(deploy('a', '{app: a}'), deploy('b', '{app: b}'), deploy('none', '{tier: x}'));
    assert.deepEqual(ingressNames(docs(pods, expr('{key: app, operator: In, values: [a]}'))), ['b', 'none']);
    assert.deepEqual(ingressNames(docs(pods, expr('{key: app, operator: NotIn, values: [a]}'))), ['a']);
    assert.deepEqual(ingressNames(docs(pods, expr('{key: app, operator: Exists}'))), ['none']);
    assert.deepEqual(ingressNames(docs(pods, expr('{key: app, operator: DoesNotExist}'))), ['a', 'b']);
  });
});

describe('every workload kind', () => {
  const kinds: Array<[string, string, string]> = [
    ['Pod', 'v1', 'metadata:\n  name: w\n  labels: {app: w}\nspec:\n  containers: [{name: c, image: x}]'],
    ['Deployment', 'apps/v1', 'metadata: {name: w}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: x}]}'],
    ['ReplicaSet', 'apps/v1', 'metadata: {name: w}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: x}]}'],
    ['StatefulSet', 'apps/v1', 'metadata: {name: w}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: x}]}'],
    ['DaemonSet', 'apps/v1', 'metadata: {name: w}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: x}]}'],
    ['Job', 'batch/v1', 'metadata: {name: w}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: x}]}'],
    [
      'CronJob',
      'batch/v1',
      'metadata: {name: w}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: w}}\n        spec: {containers: [{name: c, image: x}]}',
    ],
    ['ReplicationController', 'v1', 'metadata: {name: w}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: x}]}'],
    ['PodTemplate', 'v1', 'metadata: {name: w}\ntemplate:\n  metadata: {labels: {app: w}}\n  spec: {containers: [{name: c, image: x}]}'],
  ];
  for (const [kind, apiVersion, body] of kinds) {
    test(`${kind}: its pod-template labels are what a policy selects`, () => {
      const workload = `apiVersion: ${apiVersion}\nkind: ${kind}\n${body}\n`;
      assert.deepEqual(ingressNames(workload), ['w']);
      assert.deepEqual(ingressNames(docs(workload, netpol('  podSelector:\n    matchLabels: {app: w}'))), []);
      assert.deepEqual(ingressNames(docs(workload, netpol('  podSelector:\n    matchLabels: {app: other}'))), ['w']);
    });
  }
});

describe('Cilium policies', () => {
  const cnp = (spec: string, kind = 'CiliumNetworkPolicy', namespace?: string) =>
    `apiVersion: cilium.io/v2\nkind: ${kind}\nmetadata:\n  name: c${namespace ? `\n  namespace: ${namespace}` : ''}\nspec:\n${spec}\n`;
  const d = deploy('web', '{app: web}', 'shop');
  test('endpointSelector with ingress rules isolates ingress; egress rules isolate egress', () => {
    const p = cnp('  endpointSelector:\n    matchLabels: {app: web}\n  ingress:\n    - fromEndpoints: [{matchLabels: {app: web}}]', 'CiliumNetworkPolicy', 'shop');
    assert.deepEqual(ingressNames(docs(d, p)), []);
    assert.deepEqual(egressNames(docs(d, p)), ['web']);
    const e = cnp('  endpointSelector: {}\n  egressDeny:\n    - toEntities: [world]', 'CiliumNetworkPolicy', 'shop');
    assert.deepEqual(ingressNames(docs(d, e)), ['web']);
    assert.deepEqual(egressNames(docs(d, e)), []);
  });
  test('k8s: prefixes, ingressDeny, and enableDefaultDeny.ingress: false', () => {
    assert.deepEqual(ingressNames(docs(d, cnp('  endpointSelector:\n    matchLabels: {"k8s:app": web}\n  ingressDeny:\n    - fromEntities: [world]', 'CiliumNetworkPolicy', 'shop'))), []);
    assert.deepEqual(ingressNames(docs(d, cnp('  endpointSelector: {}\n  enableDefaultDeny: {ingress: false}\n  ingress: [{fromEntities: [cluster]}]', 'CiliumNetworkPolicy', 'shop'))), ['web']);
  });
  test('a namespaced Cilium policy applies to its namespace only; a clusterwide one to all', () => {
    assert.deepEqual(ingressNames(docs(d, cnp('  endpointSelector: {}\n  ingress: [{}]', 'CiliumNetworkPolicy', 'prod'))), ['web']);
    assert.deepEqual(ingressNames(docs(d, cnp('  endpointSelector: {}\n  ingress: [{}]', 'CiliumClusterwideNetworkPolicy'))), []);
    const byNamespace = cnp('  endpointSelector:\n    matchLabels: {"k8s:io.kubernetes.pod.namespace": prod}\n  ingress: [{}]', 'CiliumClusterwideNetworkPolicy');
    assert.deepEqual(ingressNames(docs(d, deploy('p', '{app: p}', 'prod'), byNamespace)), ['web']);
  });
  test('specs: a list of rules', () => {
    const p = `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c, namespace: shop}\nspecs:\n  - endpointSelector: {matchLabels: {app: x}}\n    ingress: [{}]\n  - endpointSelector: {matchLabels: {app: web}}\n    ingress: [{}]\n`;
    assert.deepEqual(ingressNames(docs(d, p)), []);
  });
  test('a policy without ingress or egress sections isolates nothing', () => {
    assert.deepEqual(ingressNames(docs(d, cnp('  endpointSelector: {}', 'CiliumNetworkPolicy', 'shop'))), ['web']);
  });
});

describe('the workspace model', () => {
  test('channel generations change only when facts do, not when positions move', () => {
    const model = workspaceOf();
    const set = (file: string, text: string) => model.set(workspaceOf({ [file]: text }).get(file) ?? { file, resources: [], facts: new Map() });
    assert.deepEqual([...set('/a.yaml', netpol('  podSelector: {}'))!.channels].sort(), [policies.id, resourceChannel('NetworkPolicy')].sort());
    const g = model.generation;
    assert.equal(set('/a.yaml', `# a comment\n${netpol('  podSelector: {}')}`), undefined);
    assert.equal(model.generation, g);
    assert.equal(model.factsOf(policies)[0].at.line, 4);
    assert.deepEqual([...set('/a.yaml', netpol('  podSelector: {matchLabels: {a: b}}'))!.channels], [policies.id]);
    assert.ok(model.delete('/a.yaml'));
    assert.equal(set('/b.yaml', 'not: kubernetes\n'), undefined);
    assert.equal(model.size, 0);
  });
  test("the live file's facts replace its indexed ones", () => {
    const model = workspaceOf({ '/app.yaml': docs(deploy('w', '{app: w}'), netpol('  podSelector: {}')) });
    const view = viewOf(model, '/app.yaml', deploy('w', '{app: w}'));
    const [live] = view.facts(workloads);
    assert.equal(isolation(view, live, 'ingress').isolated, false);
  });
  test('exclusion globs', () => {
    const m = new ExcludeMatcher(['**/charts/**', 'examples', '*.tmp.yaml', '{a,b}/x.yaml']);
    assert.ok(m.excludes('charts/app/deploy.yaml'));
    assert.ok(m.excludes('deep/charts/x.yaml'));
    assert.ok(m.excludes('examples/pod.yaml'));
    assert.ok(m.excludes('z.tmp.yaml'));
    assert.ok(m.excludes('b/x.yaml'));
    assert.ok(!m.excludes('c/x.yaml'));
    assert.ok(!m.excludes('app/deploy.yaml'));
    assert.ok(globToRegExp('**/*.yaml').test('a/b/c.yaml'));
    assert.ok(globToRegExp('**/*.yaml').test('c.yaml'));
  });
});

describe('quick fixes', () => {
  const workload = `apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: web\r\n  namespace: shop\r\nspec:\r\n  template:\r\n    metadata:\r\n      labels: {app: web, "version": "1.0"}\r\n    spec:\r\n      containers:\r\n        - name: app\r\n          image: x\r\n          ports:\r\n            - containerPort: 8080\r\n            - containerPort: 53\r\n              protocol: UDP\r\n        - name: side\r\n          image: y`;
  test('the appended policy respects CRLF, quotes labels, lists the ports, and removes the finding', () => {
    const [finding] = lintAll(workload);
    assert.equal(finding.ruleId, 'network-ingress-isolation');
    assert.equal(finding.suggestions[0].title, 'Add a NetworkPolicy for web admitting its whole namespace (no caller found in the workspace)');
    const out = applyEdits(workload, finding.suggestions[0].apply(parseManifest(workload)));
    assert.ok(out.startsWith(workload), 'only appends');
    assert.equal(out.slice(workload.length).replace(/\r\n/g, '\n').includes('\n'), true);
    assert.ok(!/[^\r]\n/.test(out), 'CRLF throughout');
    assert.match(out, /\r\n---\r\n# [^\r\n]+\r\napiVersion: networking\.k8s\.io\/v1\r\n/);
    assert.match(out, /version: "1\.0"/);
    assert.match(out, /- protocol: UDP\r\n      port: 53\r\n/);
    assert.deepEqual(parseManifest(out).problems, []);
    assert.deepEqual(lintAll(out), []);
  });
  test('the new-file suggestion writes the same policy beside the manifest, and it removes the finding', () => {
    const [finding] = lintAll(workload);
    const s = finding.suggestions[1];
    assert.deepEqual(s.apply(parseManifest(workload)), []);
    const [change] = s.files!(parseManifest(workload));
    assert.equal(change.path, 'web-network-policy.yaml');
    assert.equal(change.mode, 'create');
    const model = workspaceOf({ '/ws/web-network-policy.yaml': change.text });
    assert.deepEqual(
      check(workload, { config, rules, workspace: viewOf(model, '/ws/app.yaml', workload) }).findings.filter((f) => f.category === 'network'),
      [],
    );
  });
  test('no suggestion for a workload without labels; no ports restriction when none is declared', () => {
    const [finding] = lintAll(deploy('bare', '{}'));
    assert.deepEqual(finding.suggestions, []);
    const text = deploy('noports', '{app: a}');
    const out = applyEdits(text, lintAll(text)[0].suggestions[0].apply(parseManifest(text)));
    assert.doesNotMatch(out, /ports:/);
    assert.deepEqual(lintAll(out), []);
  });
});

test('Cilium selectors on labels Cilium derives itself are unknown, never a false "not isolated"', () => {
  const text = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      io.cilium.k8s.policy.serviceaccount: api
  ingress:
  - fromEndpoints:
    - matchLabels: {app: web}
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels: {app: api}
spec:
  serviceAccountName: api
  containers:
  - name: api
    image: x
`;
  const findings = check(text, { config: mergeConfig(), rules }).findings.filter((f) => f.category === 'network');
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    [],
  );
});

test('the generated policy never takes the name of an existing policy of the namespace', () => {
  const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: other}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: x
`;
  const finding = check(text, { config: mergeConfig(), rules }).findings.find((f) => f.ruleId === 'network-ingress-isolation')!;
  const out = applyEdits(text, finding.suggestions[0].apply(parseManifest(text)));
  assert.match(out, /\n---\n# .+\napiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-web-2\n/);
  assert.equal(
    check(out, { config: mergeConfig(), rules }).findings.some((f) => f.ruleId === 'network-ingress-isolation'),
    false,
  );
});
