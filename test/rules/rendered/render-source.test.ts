// Where rendered resources came from: the `# Source:` template of real `helm template` output (the Istio
// addons of the corpus), and the origin annotation of a recorded `kubectl kustomize` build.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseManifest, resourcesOf } from '../../../server/src/engine';
import { renderedSources } from '../../../rules';

const corpus = resolve(__dirname, '../../../../shared/reference/corpus');

/** `Kind/name → source` of every resource of a text (`-` where it names none). */
function sourcesOf(text: string): Record<string, string> {
  const file = parseManifest(text);
  const sourceOf = renderedSources(file);
  const out: Record<string, string> = {};
  for (const r of resourcesOf(file)) {
    const source = sourceOf({ documentIndex: r.document.index, resource: r.ref });
    out[`${r.kind}/${r.name}`] = source ? `${source.tool}:${source.path}` : '-';
  }
  return out;
}

describe('Helm: the # Source: comment of each document', () => {
  const expected: Record<string, Record<string, string>> = {
    'istio__addons-grafana.yaml': {
      'ServiceAccount/grafana': 'helm:grafana/templates/serviceaccount.yaml',
      'ConfigMap/grafana': 'helm:grafana/templates/configmap.yaml',
      'Service/grafana': 'helm:grafana/templates/service.yaml',
      'Deployment/grafana': 'helm:grafana/templates/deployment.yaml',
      // Appended by Istio's script after the chart's output, without a comment.
      'ConfigMap/istio-grafana-dashboards': '-',
      'ConfigMap/istio-services-grafana-dashboards': '-',
    },
    'istio__addons-kiali.yaml': {
      'ServiceAccount/kiali': 'helm:kiali-server/templates/serviceaccount.yaml',
      'ConfigMap/kiali': 'helm:kiali-server/templates/configmap.yaml',
      'ClusterRole/kiali': 'helm:kiali-server/templates/role.yaml',
      'ClusterRoleBinding/kiali': 'helm:kiali-server/templates/rolebinding.yaml',
      'Service/kiali': 'helm:kiali-server/templates/service.yaml',
      'Deployment/kiali': 'helm:kiali-server/templates/deployment.yaml',
    },
    'istio__addons-prometheus.yaml': {
      'ServiceAccount/prometheus': 'helm:prometheus/templates/serviceaccount.yaml',
      'ConfigMap/prometheus': 'helm:prometheus/templates/cm.yaml',
      'ClusterRole/prometheus': 'helm:prometheus/templates/clusterrole.yaml',
      'ClusterRoleBinding/prometheus': 'helm:prometheus/templates/clusterrolebinding.yaml',
      'Service/prometheus': 'helm:prometheus/templates/service.yaml',
      'Deployment/prometheus': 'helm:prometheus/templates/deploy.yaml',
    },
  };
  for (const [name, sources] of Object.entries(expected)) {
    test(`${name} (real helm template output)`, { skip: !existsSync(resolve(corpus, name)) && 'corpus not present' }, () => {
      assert.deepEqual(sourcesOf(readFileSync(resolve(corpus, name), 'utf8')), sources);
    });
  }

  test('manifests that were not rendered have no source', { skip: !existsSync(resolve(corpus, 'istio__bookinfo.yaml')) && 'corpus not present' }, () => {
    const sources = Object.values(sourcesOf(readFileSync(resolve(corpus, 'istio__bookinfo.yaml'), 'utf8')));
    assert.ok(sources.length > 10);
    assert.deepEqual(new Set(sources), new Set(['-']));
  });

  test('CRLF, other comments first, a second comment after the path', () => {
    const text = '---\r\n# password: hunter2\r\n# Source: app/templates/pod.yaml  # generated\r\napiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n';
    assert.deepEqual(sourcesOf(text), { 'Pod/p': 'helm:app/templates/pod.yaml' });
  });

  test('a path that could forge report lines is not a source', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';
    assert.deepEqual(sourcesOf(`# Source: a\u202etxt.yaml\n${pod}`), { 'Pod/p': '-' });
    assert.deepEqual(sourcesOf(`# Source: ${'a/'.repeat(600)}x.yaml\n${pod}`), { 'Pod/p': '-' });
    assert.deepEqual(sourcesOf(`# Source:\n${pod}`), { 'Pod/p': '-' });
  });
});

describe('Kustomize: the config.kubernetes.io/origin annotation', () => {
  // Recorded from `kubectl kustomize overlays/prod` (Kustomize v5.5) with `buildMetadata: [originAnnotations]`,
  // `namePrefix: prod-` and a configMapGenerator.
  const recorded = `apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  annotations:
    config.kubernetes.io/origin: |
      configuredIn: kustomization.yaml
      configuredBy:
        apiVersion: builtin
        kind: ConfigMapGenerator
  name: prod-settings-4h2mbtbbt6
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    config.kubernetes.io/origin: |
      path: ../../base/deployment.yaml
  name: prod-web
spec:
  template:
    spec:
      containers:
      - image: nginx
        name: app
`;

  test('a resource read from a file names that file; a generated one its kustomization', () => {
    assert.deepEqual(sourcesOf(recorded), {
      'ConfigMap/prod-settings-4h2mbtbbt6': 'kustomize:kustomization.yaml',
      'Deployment/prod-web': 'kustomize:../../base/deployment.yaml',
    });
  });

  test('a remote resource names its path; each item of a List its own origin', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: a
    annotations:
      config.kubernetes.io/origin: "path: examples/a.yaml\\nrepo: https://github.com/example/repo\\nref: v1.0\\n"
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
    annotations:
      config.kubernetes.io/origin: |
        path: "b dir/pod.yaml"
`;
    assert.deepEqual(sourcesOf(list), { 'Pod/a': 'kustomize:examples/a.yaml', 'Pod/b': 'kustomize:b dir/pod.yaml' });
  });

  test('paths Kustomize writes plain or quoted are read as YAML reads them', () => {
    const pod = (origin: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    config.kubernetes.io/origin: |\n${origin.replace(/^/gm, '      ')}\n`;
    const cases: Array<[string, string]> = [
      ['path: base/pod.yaml\nrepo: https://example.com/r', 'kustomize:base/pod.yaml'],
      ["path: 'quoted dir/pod.yaml'", 'kustomize:quoted dir/pod.yaml'],
      ['path: base/pod.yaml # a comment', 'kustomize:base/pod.yaml'],
      ['path: "1.5"', 'kustomize:1.5'],
      ['path: 1.5', '-'],
      ['path: .inf', '-'],
      ['configuredIn: kustomization.yaml\nconfiguredBy:\n  kind: SecretGenerator\n  path: not/this.yaml', 'kustomize:kustomization.yaml'],
      ["path: 'x.yaml'\nconfiguredIn: other.yaml", 'kustomize:x.yaml'],
    ];
    for (const [origin, expected] of cases) assert.deepEqual(sourcesOf(pod(origin)), { 'Pod/p': expected }, origin);
  });

  test('an annotation that is not an origin gives nothing', () => {
    const pod = (value: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    config.kubernetes.io/origin: ${value}\n`;
    assert.deepEqual(sourcesOf(pod('"just text"')), { 'Pod/p': '-' });
    assert.deepEqual(sourcesOf(pod('"path: [1, 2]"')), { 'Pod/p': '-' });
    assert.deepEqual(sourcesOf(pod('"path: \\"a\\\\u0007b\\""')), { 'Pod/p': '-' });
    assert.deepEqual(sourcesOf(pod('"path: {unclosed"')), { 'Pod/p': '-' });
  });

  test("Helm's comment wins over an origin annotation", () => {
    const text = `# Source: chart/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    config.kubernetes.io/origin: "path: x.yaml"\n`;
    assert.deepEqual(sourcesOf(text), { 'Pod/p': 'helm:chart/templates/pod.yaml' });
  });
});
