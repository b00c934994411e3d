// "Add a NetworkPolicy" admits exactly the callers the workspace shows: Services that select the
// workload (named target ports included), workloads naming them by DNS in env, args, command or a
// ConfigMap they read, Ingresses (the controller's namespace, assumed when not declared), Gateway
// routes, and outside clients of NodePort and LoadBalancer Services; the whole namespace when none.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { applyEdits, check, Finding, insertDocumentAfter, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { hostRefs, namesService } from '../../../rules/network/host-refs';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const config = mergeConfig();

/** The network-ingress-isolation finding of `name` when `file` is checked in a workspace of `files`. */
function findingFor(files: Record<string, string>, file: string, name: string): Finding {
  const model = workspaceOf(files);
  const { findings } = check(files[file], { config, rules, workspace: viewOf(model, file, files[file]) });
  const finding = findings.find((f) => f.ruleId === 'network-ingress-isolation' && f.resource.name === name);
  assert.ok(finding, `no finding for ${name}`);
  return finding;
}

/** The policy document a suggestion inserts, as plain data, and the whole new text. */
function applied(text: string, finding: Finding, index = 0) {
  const out = applyEdits(text, finding.suggestions[index].apply(parseManifest(text)));
  assert.deepEqual(parseManifest(out).problems, []);
  const policy = out
    .split(/^---$/m)
    .map((d) => parse(d))
    .find((d) => d?.kind === 'NetworkPolicy');
  return { out, policy };
}

const deploy = (name: string, env: string, ns = '', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: main
        image: x
        ports:
        - {name: grpc, containerPort: 9090}
${env ? `        env:\n${env}` : ''}${extra}`;

const service = (name: string, ports: string, ns = '', type = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
${type ? `  type: ${type}\n` : ''}  selector: {app: ${name}}
  ports:
${ports}`;

describe('host references', () => {
  test('DNS forms: name:port, scheme, qualified names; user info and secrets are never kept', () => {
    assert.deepEqual(hostRefs('currencyservice:7000', 'env A'), [{ host: 'currencyservice', port: 7000, where: 'env A' }]);
    assert.deepEqual(hostRefs('http://cart.shop.svc.cluster.local/api', 'args'), [{ host: 'cart.shop.svc.cluster.local', scheme: 'http', where: 'args' }]);
    assert.deepEqual(
      hostRefs('postgres://admin:S3cret@db:5432/app', 'env DB').map((r) => r.host),
      ['db'],
    );
    assert.deepEqual(hostRefs('frontend', 'env X'), [{ host: 'frontend', where: 'env X' }]);
    assert.deepEqual(hostRefs('talk to the frontend now', 'env X'), []);
    assert.deepEqual(
      hostRefs('--target=cart.shop.svc', 'args').map((r) => r.host),
      ['cart.shop.svc'],
    );
  });
  test('which names reach a Service from which namespace', () => {
    assert.ok(namesService('cart', 'cart', 'shop', 'shop'));
    assert.ok(!namesService('cart', 'cart', 'shop', 'other'));
    assert.ok(namesService('cart.shop', 'cart', 'shop', 'other'));
    assert.ok(namesService('cart.shop.svc.cluster.local', 'cart', 'shop', 'other'));
    assert.ok(!namesService('cart.other.svc', 'cart', 'shop', 'other'));
  });
});

describe('callers', () => {
  test('microservices-demo: currencyservice admits frontend and checkoutservice on port 7000 and nothing else', () => {
    const path = join(__dirname, '../../../../shared/reference/corpus/microservices-demo__kubernetes-manifests.yaml');
    const text = readFileSync(path, 'utf8');
    const file = '/ws/microservices-demo.yaml';
    const finding = findingFor({ [file]: text }, file, 'currencyservice');
    assert.equal(finding.suggestions[0].title, 'Add a NetworkPolicy for currencyservice admitting frontend, checkoutservice on port 7000');
    const { out, policy } = applied(text, finding);
    assert.deepEqual(policy.spec.podSelector, { matchLabels: { app: 'currencyservice' } });
    assert.deepEqual(policy.spec.ingress, [
      { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 7000 }] },
      { from: [{ podSelector: { matchLabels: { app: 'checkoutservice' } } }], ports: [{ protocol: 'TCP', port: 7000 }] },
    ]);
    // Right after the currencyservice Deployment, before its Service.
    const at = out.indexOf('kind: NetworkPolicy');
    assert.ok(at > out.indexOf('name: currencyservice') && at < out.indexOf('kind: Service\nmetadata:\n  name: currencyservice'));
    assert.match(out, /# Deployment frontend: env CURRENCY_SERVICE_ADDR names Service currencyservice \(port 7000\)/);
    const again = check(out, { config, rules })
      .findings.filter((f) => f.ruleId === 'network-ingress-isolation')
      .map((f) => f.resource.name);
    assert.ok(!again.includes('currencyservice'));
    assert.ok(again.includes('frontend'), 'nothing else changed');
  });

  test('a named targetPort resolves to the container port; args and ConfigMaps name Services too', () => {
    const text = [
      deploy('api', ''),
      service('api', '  - {name: web, port: 80, targetPort: grpc}\n'),
      '---\n' + deploy('worker', '', '', '        args: ["--api=http://api"]\n'),
      '---\n' + deploy('batch', '', '', '        envFrom:\n        - configMapRef: {name: settings}\n'),
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  API_URL: "api:80"\n',
    ].join('');
    const finding = findingFor({ '/ws/a.yaml': text }, '/ws/a.yaml', 'api');
    assert.equal(finding.suggestions[0].title, 'Add a NetworkPolicy for api admitting worker, batch on port 9090');
    const { policy } = applied(text, finding);
    assert.deepEqual(
      policy.spec.ingress.map((r: { from: unknown; ports: unknown }) => [r.from, r.ports]),
      [
        [[{ podSelector: { matchLabels: { app: 'worker' } } }], [{ protocol: 'TCP', port: 9090 }]],
        [[{ podSelector: { matchLabels: { app: 'batch' } } }], [{ protocol: 'TCP', port: 9090 }]],
      ],
    );
  });

  test('a caller in another namespace, in another file, gets a namespaceSelector by kubernetes.io/metadata.name', () => {
    const files = {
      '/ws/cart.yaml': deploy('cart', '', 'shop') + service('cart', '  - {port: 7070, targetPort: 9090}\n', 'shop'),
      '/ws/web.yaml': deploy('web', '        - {name: CART, value: "cart.shop.svc.cluster.local:7070"}\n', 'front'),
    };
    const finding = findingFor(files, '/ws/cart.yaml', 'cart');
    const { policy } = applied(files['/ws/cart.yaml'], finding);
    assert.deepEqual(policy.spec.ingress, [
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } }, podSelector: { matchLabels: { app: 'web' } } }],
        ports: [{ protocol: 'TCP', port: 9090 }],
      },
    ]);
  });

  test('Ingress (controller namespace assumed and said), Gateway routes and a LoadBalancer', () => {
    const text = [
      deploy('shop', ''),
      service('shop', '  - {port: 80, targetPort: 9090}\n', '', 'LoadBalancer'),
      '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}\n',
      '---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: x}\nspec:\n  parentRefs: [{name: gw, namespace: infra}]\n  rules:\n  - backendRefs: [{name: shop, namespace: null, port: 80}]\n',
    ].join('');
    const finding = findingFor({ '/ws/s.yaml': text }, '/ws/s.yaml', 'shop');
    assert.equal(finding.suggestions[0].title, 'Add a NetworkPolicy for shop admitting outside clients, ingress controller on port 9090');
    const { out, policy } = applied(text, finding);
    assert.deepEqual(policy.spec.ingress[0], { ports: [{ protocol: 'TCP', port: 9090 }] });
    assert.deepEqual(policy.spec.ingress[1].from, [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]);
    assert.match(out, /assumed: the ingress controller runs in namespace ingress-nginx/);
  });

  test('a Gateway API route admits the Gateway pods of its namespace', () => {
    const text =
      deploy('shop', '', 'web') +
      service('shop', '  - {port: 80, targetPort: 9090}\n', 'web') +
      '---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: web}\nspec:\n  parentRefs: [{name: gw, namespace: infra}]\n  rules:\n  - backendRefs: [{name: shop, port: 80}]\n';
    const { policy } = applied(text, findingFor({ '/ws/g.yaml': text }, '/ws/g.yaml', 'shop'));
    assert.deepEqual(policy.spec.ingress[0].from, [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'infra' } }, podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gw' } } },
    ]);
  });

  test('none found: the whole namespace, in a new file too, and only its own pods as the explicit alternative', () => {
    const text = deploy('lonely', '') + service('lonely', '  - {port: 80, targetPort: 9090}\n');
    const finding = findingFor({ '/ws/l.yaml': text }, '/ws/l.yaml', 'lonely');
    assert.deepEqual(
      finding.suggestions.map((s) => s.title),
      [
        'Add a NetworkPolicy for lonely admitting its whole namespace (no caller found in the workspace)',
        'Add a NetworkPolicy for lonely admitting its whole namespace (no caller found in the workspace), in a new file lonely-network-policy.yaml',
        'Add a NetworkPolicy for lonely admitting only its own pods (denies every other caller)',
      ],
    );
    const { out, policy } = applied(text, finding);
    assert.deepEqual(policy.spec.ingress, [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 9090 }] }]);
    // Inserted between the Deployment and the Service, applying it twice would not be offered again.
    assert.ok(out.indexOf('kind: NetworkPolicy') < out.indexOf('kind: Service'));
    assert.equal(check(out, { config, rules }).findings.filter((f) => f.ruleId === 'network-ingress-isolation').length, 0);
    assert.equal(applied(text, finding, 2).policy.spec.ingress[0].from[0].podSelector.matchLabels.app, 'lonely');
  });
});

describe('insertDocumentAfter', () => {
  test('goes before the next document marker, keeps CRLF and the comments of the workload', () => {
    const text = 'a: 1\r\n# about a\r\n---\r\nb: 2\r\n';
    const doc = parseManifest(text).documents[0].doc;
    const out = applyEdits(text, insertDocumentAfter(text, doc.range[2], 'c: 3\n'));
    assert.equal(out, 'a: 1\r\n# about a\r\n---\r\nc: 3\r\n---\r\nb: 2\r\n');
  });
  test('the last document: appended', () => {
    const text = 'a: 1';
    assert.equal(applyEdits(text, insertDocumentAfter(text, text.length, 'c: 3\n')), 'a: 1\n---\nc: 3\n');
  });
});
