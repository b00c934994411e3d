import { ruleTester } from '../../helpers/rule-tester';

const binding = (actions: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max
spec:
  policyName: max
  validationActions: ${actions}
`;

ruleTester('admission-binding-audit-only', {
  valid: [
    binding('[Deny]'),
    binding('[Deny, Audit]'),
    binding('\n  - Warn\n  - Deny'),
    { name: 'templated', code: binding('["{{ .Values.action }}"]') },
    { name: 'missing (required: the schema rules report it)', code: binding('[]') },
  ],
  invalid: [
    { name: 'audit and warn only', code: binding('[Audit, Warn]'), errors: [{ messageId: 'auditOnly', line: 7, column: 22, endColumn: 35 }], output: null },
    { name: 'a block list', code: binding('\n  - Warn'), errors: [{ messageId: 'auditOnly', line: 8, column: 3 }], output: null },
  ],
});
