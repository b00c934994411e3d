// The CLI evaluates the admission policies of the paths it is given, and of `--policies` folders it
// reads without checking: a platform team's policies judge an application's manifests.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, runJson, tempWorkspace } from './helpers';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 9
`;
const policies = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-replicas
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE]
        resources: [deployments]
  validations:
    - expression: object.spec.replicas <= 5
      message: at most 5 replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-replicas
spec:
  policyName: max-replicas
  validationActions: [Deny]
`;

describe('admission policies in the CLI', () => {
  before(buildOnce);
  after(cleanTemps);

  test('--policies reads a folder of policies that is not checked; without it the policies are not known', () => {
    const cwd = tempWorkspace({ 'app/web.yaml': deployment, 'platform/policies.yaml': policies });
    const run = runJson(['app', '--policies', 'platform'], { cwd });
    const found = run.json.findings.filter((f) => f.category === 'policy');
    assert.deepEqual(
      found.map((f) => [f.file, f.line, f.ruleId, f.severity, f.message]),
      [['app/web.yaml', 7, 'admission-policy-violation', 'error', "ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas' denied request: at most 5 replicas"]],
    );
    // The policies' own file is not checked.
    assert.ok(run.json.findings.every((f) => f.file === 'app/web.yaml'));
    assert.deepEqual(
      runJson(['app'], { cwd }).json.findings.filter((f) => f.category === 'policy'),
      [],
    );
  });

  test('policies.folder of .kube-harden.yaml, relative to the file, does the same', () => {
    const cwd = tempWorkspace({ 'app/web.yaml': deployment, 'platform/policies.yaml': policies, '.kube-harden.yaml': 'policies:\n  folder: platform\n' });
    const found = runJson(['app'], { cwd }).json.findings.filter((f) => f.category === 'policy');
    assert.deepEqual(
      found.map((f) => [f.file, f.ruleId]),
      [['app/web.yaml', 'admission-policy-violation']],
    );
  });
});
