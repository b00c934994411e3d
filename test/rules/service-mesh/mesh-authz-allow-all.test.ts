import { ruleTester } from '../../helpers/rule-tester';
import { authz } from './fixtures';

ruleTester('mesh-authz-allow-all', {
  valid: [
    { name: 'spec {} allows nothing', code: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing}\nspec: {}\n' },
    { name: 'a rule with sources', code: authz('  rules:\n    - from:\n        - source:\n            namespaces: [shop]\n') },
    { name: 'DENY with an empty rule denies everything on purpose', code: authz('  action: DENY\n  rules:\n    - {}\n') },
    { name: 'a rule with only a condition', code: authz('  rules:\n    - when:\n        - key: request.headers[x]\n          values: ["1"]\n') },
    { name: 'templated action', code: authz('  action: "{{ .Values.action }}"\n  rules:\n    - {}\n') },
    { name: 'not Istio', code: 'apiVersion: example.com/v1\nkind: AuthorizationPolicy\nmetadata: {name: x}\nspec:\n  rules: [{}]\n' },
  ],
  invalid: [
    { name: 'rules: [{}]', code: authz('  rules: [{}]\n'), errors: [{ messageId: 'allowsAll', line: 7, column: 11, endColumn: 13 }], output: null },
    {
      name: 'explicit ALLOW with an empty block rule and empty lists (v1beta1)',
      code: authz('  action: ALLOW\n  rules:\n    - from: []\n      to: []\n').replace('/v1', '/v1beta1'),
      errors: [{ messageId: 'allowsAll', line: 9, column: 7 }],
      output: null,
    },
    { name: 'a null rule', code: authz('  rules:\n    -\n    - from:\n        - source: {namespaces: [a]}\n'), errors: [{ messageId: 'allowsAll', line: 7, column: 3 }], output: null },
  ],
});
