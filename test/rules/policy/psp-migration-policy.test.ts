// The ValidatingAdmissionPolicy that the admission family's PodSecurityPolicy migration writes is
// evaluated by the policy family like any other: applied to a workspace, it flags a pod the
// PodSecurityPolicy would have refused, and leaves one it admitted alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, check, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { findingsIn } from '../../helpers/policy-workspace';
import { seedPsp } from '../../helpers/seed-psp';

function migrated(): string {
  const finding = check(seedPsp, { config: mergeConfig({ kubernetesVersion: '1.37' }), rules }).findings.find((f) => f.ruleId === 'pod-security-policy-migration');
  assert.ok(finding, 'no migration finding');
  return applyEdits(seedPsp, finding.suggestions[0].apply(parseManifest(seedPsp)));
}

const pod = (securityContext: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: default
spec:
  containers:
  - name: app
    image: registry.example.com/app:1.0
    securityContext:
${securityContext}`;

test('the migrated policy flags a pod without a read-only root filesystem, at the severity of its Deny binding', () => {
  const policy = migrated();
  assert.match(policy, /kind: ValidatingAdmissionPolicy\n/);
  const files = { '/w/psp.yaml': policy, '/w/pod.yaml': pod('      allowPrivilegeEscalation: false\n') };
  const found = findingsIn(files, '/w/pod.yaml', 'admission-policy-violation');
  assert.deepEqual(
    found.map((f) => [f.severity, f.message]),
    [['error', "ValidatingAdmissionPolicy 'psp-restricted' with binding 'psp-restricted' denied request: PodSecurityPolicy restricted required a read-only root filesystem"]],
  );
  const compliant = { ...files, '/w/pod.yaml': pod('      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n') };
  assert.deepEqual(findingsIn(compliant, '/w/pod.yaml', 'admission-policy-violation'), []);
  // Its expressions are all evaluated offline: no note on the policy.
  assert.deepEqual(findingsIn(files, '/w/psp.yaml', 'admission-policy-violation'), []);
});
