import { ruleTester } from '../../helpers/rule-tester';
import { authz } from './fixtures';

const op = (action: string, field: string, list: string) => authz(`  action: ${action}\n  rules:\n    - to:\n        - operation:\n            ${field}: ${list}\n`);

ruleTester('mesh-authz-path-bypass', {
  valid: [
    { name: 'DENY on a prefix', code: op('DENY', 'paths', '["/admin*"]') },
    { name: 'DENY on the exact path and what is below it', code: op('DENY', 'paths', '["/admin", "/admin/*"]') },
    { name: 'ALLOW on an exact path only narrows', code: op('ALLOW', 'paths', '["/healthz"]') },
    { name: 'a path template', code: op('DENY', 'paths', '["/admin/{**}"]') },
    { name: 'DENY notPaths', code: op('DENY', 'notPaths', '["/public"]') },
    { name: 'templated path', code: op('DENY', 'paths', '["{{ .Values.path }}"]') },
  ],
  invalid: [
    {
      name: 'DENY on /admin (flow list)',
      code: op('DENY', 'paths', '["/admin"]'),
      errors: [{ messageId: 'exactPath', line: 11, column: 21, endColumn: 29 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'ALLOW with notPaths (block list), trailing slash',
      code: op('ALLOW', 'notPaths', '\n              - /admin/\n              - /debug*'),
      errors: [{ messageId: 'exactPath', line: 12, column: 17 }],
      output: null,
      suggestions: true,
    },
    { name: 'AUDIT', code: op('AUDIT', 'paths', '[/metrics]'), errors: [{ messageId: 'exactPath', line: 11, column: 21 }], output: null, suggestions: true },
  ],
});
