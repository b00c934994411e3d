import { ruleTester } from '../../helpers/rule-tester';
import { seed, allowList, denyList } from './profiles';

ruleTester('seccomp-profile-too-narrow', {
  valid: [
    allowList([]),
    denyList([]),
    { name: 'execveat, brk and exit suffice', code: JSON.stringify({ defaultAction: 'SCMP_ACT_KILL', syscalls: [{ names: ['execveat', 'brk', 'exit'], action: 'SCMP_ACT_ALLOW' }] }) },
  ],
  invalid: [
    { name: "the seed's profile allows only open", code: seed, errors: [{ messageId: 'tooNarrow', line: 2, column: 21, endColumn: 37 }], output: null },
    {
      name: 'a denied execve does not count',
      code: JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['mmap', 'exit_group'], action: 'SCMP_ACT_ALLOW' }] }),
      errors: [{ messageId: 'tooNarrow', line: 1, column: 18 }],
      output: null,
    },
  ],
});
