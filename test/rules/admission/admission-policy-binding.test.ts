import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { ruleTester } from '../../helpers/rule-tester';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const policy = (name: string, extra = '') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
${extra}  validations:
  - expression: object.spec.replicas <= 5
`;
const binding = (name: string, policyName: string, extra = '') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${name}
spec:
  policyName: ${policyName}
  validationActions: [Deny]
${extra}`;

ruleTester('admission-policy-binding', {
  valid: [
    { name: 'a bound policy', code: `${policy('max')}---\n${binding('max', 'max')}` },
    {
      name: 'parameters given',
      code: `${policy('max', '  paramKind: {apiVersion: v1, kind: ConfigMap}\n')}---\n${binding('max', 'max', '  paramRef: {name: limits, namespace: default, parameterNotFoundAction: Deny}\n')}`,
    },
    { name: 'a templated policy name', code: `${policy('max')}---\n${binding('max', '"{{ .Values.policy }}"')}` },
    { name: 'a policy without a binding (admission-policy-unbound reports it)', code: policy('max') },
    { name: 'not the admission API', code: policy('max').replace('admissionregistration.k8s.io/v1', 'example.com/v1') },
  ],
  invalid: [
    {
      name: 'a binding of a missing policy',
      code: `${policy('max')}---\n${binding('max', 'mx')}`,
      errors: [{ messageId: 'missingPolicy', line: 14, column: 15, endColumn: 17 }],
      output: null,
    },
    {
      name: 'paramKind without paramRef',
      code: `${policy('max', '  paramKind: {apiVersion: v1, kind: ConfigMap}\n')}---\n${binding('max', 'max')}`,
      errors: [{ messageId: 'missingParamRef', line: 14, column: 1, endColumn: 5 }],
      output: null,
    },
  ],
});

test('the policy and its binding in two files', () => {
  const files = { '/w/policy.yaml': policy('max'), '/w/binding.yaml': binding('max', 'max') };
  const model = workspaceOf(files);
  for (const [file, text] of Object.entries(files)) {
    const found = check(text, { config: mergeConfig(), rules, workspace: viewOf(model, file, text) }).findings.filter((f) => f.ruleId === 'admission-policy-binding');
    assert.deepEqual(found, [], file);
  }
  const alone = workspaceOf({ '/w/binding.yaml': files['/w/binding.yaml'] });
  const found = check(files['/w/binding.yaml'], { config: mergeConfig(), rules, workspace: viewOf(alone, '/w/binding.yaml', files['/w/binding.yaml']) }).findings.filter(
    (f) => f.ruleId === 'admission-policy-binding',
  );
  assert.deepEqual(
    found.map((f) => f.messageId),
    ['missingPolicy'],
  );
});
