import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { ruleTester } from '../../helpers/rule-tester';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const policy = (name: string, apiVersion = 'admissionregistration.k8s.io/v1') => `apiVersion: ${apiVersion}
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
  validations:
  - expression: object.spec.replicas <= 5
`;
const binding = (policyName: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: b
spec:
  policyName: ${policyName}
  validationActions: [Deny]
`;

ruleTester('admission-policy-unbound', {
  valid: [
    { name: 'bound', code: `${policy('max')}---\n${binding('max')}` },
    { name: 'a templated binding may name it', code: `${policy('max')}---\n${binding('"{{ .Values.policy }}"')}` },
    { name: 'a templated policy name', code: policy('"{{ .Values.name }}"') },
    { name: 'not the admission API', code: policy('max', 'example.com/v1') },
  ],
  invalid: [
    { name: 'no binding', code: policy('max'), errors: [{ messageId: 'unbound', line: 4, column: 9, endColumn: 12 }], output: null },
    { name: 'a binding of another policy', code: `${policy('max')}---\n${binding('min')}`, errors: [{ messageId: 'unbound', line: 4, column: 9 }], output: null },
    { name: 'v1beta1', code: policy('max', 'admissionregistration.k8s.io/v1beta1'), errors: [{ messageId: 'unbound', line: 4, column: 9 }], output: null },
  ],
});

test('a binding in another file of the workspace', () => {
  const files = { '/w/policy.yaml': policy('max'), '/w/binding.yaml': binding('max') };
  const model = workspaceOf(files);
  const found = check(files['/w/policy.yaml'], { config: mergeConfig(), rules, workspace: viewOf(model, '/w/policy.yaml', files['/w/policy.yaml']) }).findings.filter(
    (f) => f.ruleId === 'admission-policy-unbound',
  );
  assert.deepEqual(found, []);
});
