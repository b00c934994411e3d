// The runtime and images families on the seed article's seccomp pod (copied as the article prints
// it, one-space indentation and all): the exact findings, their ranges, and what they offer.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';

const seedPod = `apiVersion: v1
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

test("the seed's seccomp pod: the absolute localhostProfile, and what it lacks beyond the PSS", () => {
  const { findings } = check(seedPod, { config: mergeConfig({ kubernetesVersion: '1.37' }), rules });
  const ours = findings
    .filter((f) => f.category === 'runtime' || f.category === 'images')
    .map((f) => ({ rule: f.ruleId, severity: f.severity, at: seedPod.slice(f.offset, f.offset + f.length), message: f.message, fix: f.fix?.title ?? null, suggestions: f.suggestions.length }));
  assert.deepEqual(ours, [
    {
      rule: 'automount-service-account-token',
      severity: 'info',
      at: 'spec',
      message: 'pod mounts the token of service account "default" (automountServiceAccountToken is not set)',
      fix: null,
      suggestions: 1,
    },
    {
      rule: 'seccomp-localhost-profile',
      severity: 'error',
      at: '/path/to/my-profile.json',
      message: 'pod sets an absolute localhostProfile "/path/to/my-profile.json": it must be relative to the kubelet seccomp root',
      fix: null,
      suggestions: 1,
    },
    { rule: 'resource-requirements', severity: 'warning', at: 'test-container', message: 'container "test-container" sets no memory request, memory limit or CPU request', fix: null, suggestions: 0 },
    { rule: 'read-only-root-filesystem', severity: 'warning', at: 'securityContext', message: 'container "test-container" does not set readOnlyRootFilesystem: true', fix: null, suggestions: 2 },
  ]);
});
