import { ruleTester } from '../../helpers/rule-tester';
import { seed, allowList } from './profiles';

ruleTester('seccomp-profile-json', {
  valid: [allowList(['open']), { name: 'JSON that is no profile is no document of any kind', code: '{"name": "x", // c\n "defaultAction": 1}\n' }],
  invalid: [
    {
      name: "the seed's comment and trailing comma, each at its character",
      code: seed,
      errors: [
        { messageId: 'notJson', line: 9, column: 8, endColumn: 38 },
        { messageId: 'notJson', line: 10, column: 4, endColumn: 5 },
      ],
      output: null,
    },
    { name: 'a single-quoted name', code: '{\'defaultAction\': "SCMP_ACT_ALLOW"}\n', errors: [{ messageId: 'notJson', line: 1, column: 2 }], output: null },
  ],
});
