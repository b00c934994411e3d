import { ruleTester } from '../../helpers/rule-tester';
import { seed, allowList } from './profiles';

ruleTester('seccomp-profile-shape', {
  valid: [allowList(['open']), seed],
  invalid: [
    {
      name: 'an unknown action, architecture, operator and keys',
      code: JSON.stringify(
        {
          defaultAction: 'SCMP_ACT_DENY',
          architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_AMD64'],
          syscall: [],
          syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 1, op: 'SCMP_CMP_EQUAL' }] }, { names: [], action: 'SCMP_ACT_ERRNO' }, { names: ['write'] }],
        },
        null,
        2,
      ),
      errors: [
        { messageId: 'badValue', line: 2, column: 20, endColumn: 35 },
        { messageId: 'badValue', line: 5, column: 5, endColumn: 22 },
        { messageId: 'unknownKey', line: 7, column: 3, endColumn: 12 },
        { messageId: 'badValue', line: 18, column: 17, endColumn: 33 },
        { messageId: 'noNames', line: 23, column: 16, endColumn: 18 },
        { messageId: 'noAction', line: 27, column: 7, endColumn: 14 },
      ],
      output: null,
    },
  ],
});
