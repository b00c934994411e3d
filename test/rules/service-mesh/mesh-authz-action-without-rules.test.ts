import { ruleTester } from '../../helpers/rule-tester';
import { authz } from './fixtures';

ruleTester('mesh-authz-action-without-rules', {
  valid: [
    { name: 'ALLOW without rules is the default deny', code: authz('  action: ALLOW\n') },
    { name: 'DENY with rules', code: authz('  action: DENY\n  rules:\n    - to:\n        - operation: {methods: [DELETE]}\n') },
    { name: 'CUSTOM with a provider', code: authz('  action: CUSTOM\n  provider:\n    name: ext-authz\n  rules: [{to: [{operation: {paths: ["/api/*"]}}]}]\n') },
  ],
  invalid: [
    { name: 'DENY without rules', code: authz('  action: DENY\n'), errors: [{ messageId: 'denyNothing', line: 7, column: 11, endColumn: 15 }], output: null },
    { name: 'DENY with an empty list', code: authz('  action: DENY\n  rules: []\n'), errors: [{ messageId: 'denyNothing', line: 7, column: 11 }], output: null },
    { name: 'CUSTOM without a provider', code: authz('  action: CUSTOM\n  rules: [{}]\n'), errors: [{ messageId: 'noProvider', line: 7, column: 11 }], output: null },
    {
      name: 'CUSTOM with a provider without a name',
      code: authz('  action: CUSTOM\n  provider: {}\n  rules: [{}]\n'),
      errors: [{ messageId: 'noProvider', line: 8, column: 3, endColumn: 11 }],
      output: null,
    },
  ],
});
