// The CLI treats the paths it is given as the workspace: a NetworkPolicy in one file isolates a
// workload in another; network findings have category `network` and `pss: null, level: null`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, runJson, tempWorkspace } from './helpers';

const deployment = (name: string, app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers:
        - name: app
          image: x
`;
const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
`;

describe('network rules in the CLI', () => {
  before(buildOnce);
  after(cleanTemps);

  test('a policy in another input file isolates the workload; only the unselected one is reported', () => {
    const cwd = tempWorkspace({ 'apps/web.yaml': deployment('web', 'web'), 'apps/api.yaml': deployment('api', 'api'), 'policies/web.yaml': policy });
    const run = runJson(['.'], { cwd });
    const network = run.json.findings.filter((f) => f.category === 'network');
    assert.deepEqual(
      network.map((f) => [f.file, f.ruleId, f.line, f.column, f.pss, f.level]),
      [['apps/api.yaml', 'network-ingress-isolation', 4, 9, null, null]],
    );
    assert.deepEqual(network[0].resource, { kind: 'Deployment', name: 'api', namespace: 'shop' });
  });

  test('only the given paths are the workspace: without the policy file, web is reported too', () => {
    const cwd = tempWorkspace({ 'apps/web.yaml': deployment('web', 'web'), 'policies/web.yaml': policy });
    const run = runJson(['apps'], { cwd });
    assert.deepEqual(
      run.json.findings.filter((f) => f.category === 'network').map((f) => f.resource.name),
      ['web'],
    );
  });

  test('the egress rule runs when .kube-harden.yaml enables it', () => {
    const cwd = tempWorkspace({ 'web.yaml': deployment('web', 'web'), '.kube-harden.yaml': 'rules:\n  network-egress-isolation: error\n  network-ingress-isolation: "off"\n' });
    const run = runJson(['web.yaml'], { cwd });
    assert.deepEqual(
      run.json.findings.filter((f) => f.category === 'network').map((f) => [f.ruleId, f.severity]),
      [['network-egress-isolation', 'error']],
    );
  });
});
