// Harden and fix-all never write a manifest the API server would reject: fixes that would break its
// cross-field validation are withheld, and Harden names what it left for that reason.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fixAll, harden, mergeConfig, parseManifest } from '../../server/src/engine';
import { rules } from '../../rules';

const config = mergeConfig();
const spire = resolve(__dirname, '../../../shared/reference/corpus/istio__spire-quickstart.yaml');

const csiDriver = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: spiffe-csi-driver
spec:
  template:
    spec:
      containers:
      - name: spiffe-csi-driver
        image: ghcr.io/spiffe/spiffe-csi-driver:0.2.3
        volumeMounts:
        - name: mountpoint-dir
          mountPath: /var/lib/kubelet/pods
          mountPropagation: Bidirectional
        securityContext:
          privileged: true
`;

/** The container-level `securityContext` lines of the container named `name`, as text. */
function containerBlock(text: string, name: string): string {
  const start = text.indexOf(`- name: ${name}\n`);
  const next = text.indexOf('\n      - name:', start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

describe('Harden and the API server', () => {
  test('a privileged container with Bidirectional mount propagation stays privileged, without allowPrivilegeEscalation: false, and is named', () => {
    const result = harden(csiDriver, { config, rules });
    const block = containerBlock(result.text, 'spiffe-csi-driver');
    assert.match(block, /privileged: true/);
    assert.match(block, /mountPropagation: Bidirectional/);
    assert.doesNotMatch(block, /allowPrivilegeEscalation/);
    const named = result.cannotFix.map((f) => `${f.ruleId}: ${f.message}`);
    assert.ok(named.includes('privileged-container: container "spiffe-csi-driver" is privileged, which the Bidirectional mount propagation of mountpoint-dir requires'), named.join('\n'));
    assert.ok(named.some((f) => f.startsWith('allow-privilege-escalation:')));
  });

  test('fix-all at baseline leaves it privileged too', () => {
    const result = fixAll(csiDriver, { config: mergeConfig({ podSecurityLevel: 'baseline' }), rules });
    assert.equal(result.text, csiDriver);
  });

  test('spire-quickstart: spiffe-csi-driver is left privileged with its Bidirectional mount, and named', { skip: !existsSync(spire) && 'corpus not present' }, () => {
    const text = readFileSync(spire, 'utf8');
    const result = harden(text, { config, rules });
    assert.notEqual(result.text, text, 'the other workloads are hardened');
    const containers = parseManifest(result.text)
      .documents.map((d) => d.doc.toJS() as { spec?: { template?: { spec?: { containers?: Array<Record<string, any>> } } } })
      .flatMap((d) => d?.spec?.template?.spec?.containers ?? []);
    const driver = containers.find((c) => c.name === 'spiffe-csi-driver')!;
    assert.equal(driver.securityContext.privileged, true);
    assert.equal(driver.securityContext.allowPrivilegeEscalation, undefined);
    assert.equal(driver.volumeMounts.find((m: { mountPropagation?: string }) => m.mountPropagation)?.mountPropagation, 'Bidirectional');
    assert.ok(result.cannotFix.some((f) => f.ruleId === 'privileged-container' && f.messageId === 'bidirectional'));
  });

  test('runAsUser: 0 is removed before runAsNonRoot: true is set, so the kubelet can start the container', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n  - name: app\n    image: nginx\n';
    const result = harden(pod, { config, rules });
    assert.doesNotMatch(result.text, /runAsUser: 0/);
    assert.match(result.text, /runAsNonRoot: true/);
    assert.deepEqual(result.cannotFix, []);
    const only = fixAll(pod, { config, rules: rules.filter((r) => r.id === 'run-as-non-root') });
    assert.equal(only.text, pod, 'runAsNonRoot alone would leave a container the kubelet refuses');
  });
});
