import { ruleTester } from '../../helpers/rule-tester';
import { authz } from './fixtures';

const op = (action: string, field: string, list: string) => authz(`  action: ${action}\n  rules:\n    - to:\n        - operation:\n            ${field}: ${list}\n`);

ruleTester('mesh-authz-method-case', {
  valid: [
    { name: 'upper case', code: op('DENY', 'methods', '[GET, POST]') },
    { name: 'a custom method is left alone', code: op('DENY', 'methods', '[purge]') },
    { name: 'CUSTOM delegates', code: op('CUSTOM', 'methods', '[get]') },
  ],
  invalid: [
    {
      name: 'DENY on lower case: safe fix',
      code: op('DENY', 'methods', '[delete, Put]'),
      errors: [
        { messageId: 'methodCase', line: 11, column: 23, endColumn: 29 },
        { messageId: 'methodCase', line: 11, column: 31, endColumn: 34 },
      ],
      output: op('DENY', 'methods', '[DELETE, PUT]'),
    },
    { name: 'ALLOW notMethods: safe fix', code: op('ALLOW', 'notMethods', '["get"]'), errors: [{ messageId: 'methodCase', line: 11, column: 26 }], output: op('ALLOW', 'notMethods', '["GET"]') },
    { name: 'ALLOW methods: a suggestion (it grants access)', code: op('ALLOW', 'methods', '[get]'), errors: [{ messageId: 'methodCase', line: 11, column: 23 }], output: null, suggestions: true },
  ],
});
