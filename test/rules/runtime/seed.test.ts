// The runtime and images families on the seed article's seccomp pod (copied as the article prints
// it, one-space indentation and all): the exact findings, their ranges, and what they offer.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { viewOf, workspaceOf } from '../../helpers/workspace';
import { seed } from './profiles';

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

test("the seed's pod beside the seed's profile: the absolute path is the error; once relative, the profile is linked or missing by its path", () => {
  const config = mergeConfig({ kubernetesVersion: '1.37' });
  const ours = (pod: string, files: Record<string, string>) =>
    check(pod, { config, rules, workspace: viewOf(workspaceOf(files), '/ws/pod.yaml', pod) })
      .findings.filter((f) => f.ruleId.startsWith('seccomp-localhost-profile'))
      .map((f) => `${f.ruleId} (${f.severity}): ${f.message}`);
  const beside = { '/ws/my-profile.json': seed };
  assert.deepEqual(ours(seedPod, beside), ['seccomp-localhost-profile (error): pod sets an absolute localhostProfile "/path/to/my-profile.json": it must be relative to the kubelet seccomp root']);
  // What the suggestion writes names path/to/my-profile.json: a file of that path, not merely of that name.
  const relative = seedPod.replace('/path/to/my-profile.json', 'path/to/my-profile.json');
  assert.deepEqual(ours(relative, beside), [
    'seccomp-localhost-profile-missing (info): pod uses the Localhost seccomp profile "path/to/my-profile.json", which no profile file of the workspace is: the kubelet must find it at /var/lib/kubelet/seccomp/path/to/my-profile.json on every node',
  ]);
  assert.deepEqual(ours(relative, { '/ws/seccomp/path/to/my-profile.json': seed }), []);
  assert.deepEqual(ours(seedPod.replace('/path/to/my-profile.json', 'my-profile.json'), beside), []);
});
