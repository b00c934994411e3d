// The YAML examples of the article kube-harden grew from (../shared/seed), mistakes included:
// one-space indentation, tabs and typographic quotes, and resources that are not workloads.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, harden, mergeConfig, parseManifest } from '../../server/src/engine';
import { rules as catalog } from '../../rules';
import { seedWebhook as webhook } from '../helpers/seed-webhook';

/** The Pod Security rules only: other rule families have tests of their own. */
const rules = catalog.filter((r) => r.meta.pss);

const config = mergeConfig();
/** The Pod Security findings (the network rules' view of these examples is in network-coverage.test.ts). */
const lint = (text: string) => {
  const result = check(text, { config, rules });
  return { ...result, findings: result.findings.filter((f) => f.pss !== null) };
};

const myPod = `apiVersion: v1
kind: Pod
metadata:
 name: my-pod
spec:
  containers:
  - image: ubuntu
    command:
      - "sleep"
      - "604800"
    imagePullPolicy: IfNotPresent
    name: ubuntu
    securityContext:
      runAsUser: 1000
      runAsGroup: 3000
  restartPolicy: Always
`;

const auditPod = `apiVersion: v1
kind: Pod
metadata:
 name: audit-pod
 labels:
   app: audit-pod
spec:
 securityContext:
   seccompProfile:
     type: Localhost
     localhostProfile: /path/to/my-profile.json
 containers:
 - name: test-container
   image: hashicorp/http-echo:1.0
   args:
   - "-text=just made some syscalls!"
   securityContext:
     allowPrivilegeEscalation: false
`;

const networkPolicy = `apiVersion: networking.k8s.io/v1
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

const podSecurityPolicy = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
 name: restricted
spec:
 privileged: false
 allowPrivilegeEscalation: false
 requiredDropCapabilities:
 - ALL
 volumes:
 - 'configMap'
 - 'hostPath'
 runAsUser:
   rule: 'MustRunAsNonRoot'
 hostNetwork: false
 hostPID: false
`;

describe('the seed article', () => {
  test('my-pod: the restricted gaps, on the right nodes', () => {
    const findings = lint(myPod).findings;
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['allow-privilege-escalation', 'restricted-capabilities', 'restricted-seccomp-profile', 'run-as-non-root']);
    // The container has a securityContext: the missing fields are reported on it, where they go.
    for (const f of findings) assert.equal(myPod.slice(f.offset, f.offset + f.length), 'securityContext');
  });

  test('my-pod and audit-pod harden cleanly despite their one-space indentation', () => {
    for (const text of [myPod, auditPod]) {
      const result = harden(text, { config, rules });
      assert.deepEqual(parseManifest(result.text).problems, []);
      assert.deepEqual(
        lint(result.text).findings.map((f) => f.message),
        [],
      );
    }
    assert.ok(
      harden(myPod, { config, rules }).text.includes('      runAsUser: 1000\n      runAsGroup: 3000\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n'),
    );
  });

  test('audit-pod: the Localhost seccomp profile is accepted', () => {
    assert.deepEqual(
      lint(auditPod)
        .findings.map((f) => f.ruleId)
        .sort(),
      ['restricted-capabilities', 'run-as-non-root'],
    );
  });

  test('the malformed webhook gives syntax errors, not a crash', () => {
    const result = lint(webhook);
    assert.ok(result.problems.some((p) => p.code === 'yaml-syntax'));
    assert.deepEqual(result.findings, []);
  });

  test('NetworkPolicy and PodSecurityPolicy are not workloads', () => {
    assert.deepEqual(lint(networkPolicy).findings, []);
    assert.deepEqual(lint(podSecurityPolicy).findings, []);
  });
});

test('Harden this pod touches only the item under the cursor of a List', () => {
  const list =
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: one}\n  spec:\n    containers:\n    - {name: a, image: x}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: two}\n  spec:\n    containers:\n    - {name: b, image: x}\n';
  const result = harden(list, { config, rules, offset: list.indexOf('one') });
  assert.deepEqual(result.workloads, ['Pod/one']);
  assert.ok(result.text.endsWith('  metadata: {name: two}\n  spec:\n    containers:\n    - {name: b, image: x}\n'));
  assert.deepEqual(
    lint(result.text)
      .findings.filter((f) => f.resource.name === 'one')
      .map((f) => f.message),
    [],
  );
});
