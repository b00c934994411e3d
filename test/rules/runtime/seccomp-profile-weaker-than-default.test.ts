import { ruleTester } from '../../helpers/rule-tester';
import { allowList, denyList } from './profiles';

ruleTester('seccomp-profile-weaker-than-default', {
  valid: [
    allowList(['open', 'ptrace']),
    { name: 'clone3 falls back to clone', code: allowList(['clone3']) },
    {
      name: 'gated by the same capability as the default',
      code: JSON.stringify({
        defaultAction: 'SCMP_ACT_ERRNO',
        syscalls: [
          { names: ['execve', 'mmap', 'exit_group'], action: 'SCMP_ACT_ALLOW' },
          { names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
        ],
      }),
    },
    { name: 'a deny-list denying nothing is allows-all', code: denyList([]) },
  ],
  invalid: [
    {
      name: 'an allow-list allowing mount, keyctl and kexec_load',
      code: allowList(['mount', 'keyctl', 'kexec_load']),
      errors: [
        { messageId: 'allowed', line: 16, column: 9, endColumn: 16 },
        { messageId: 'allowed', line: 17, column: 9, endColumn: 17 },
        { messageId: 'allowed', line: 18, column: 9, endColumn: 21 },
      ],
      output: null,
    },
    { name: 'a deny-list that leaves bpf and unshare open', code: denyList(['mount']), errors: [{ messageId: 'notDenied', line: 2, column: 20 }], output: null },
  ],
});
