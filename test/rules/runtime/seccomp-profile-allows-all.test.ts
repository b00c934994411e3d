import { ruleTester } from '../../helpers/rule-tester';
import { allowList, denyList } from './profiles';

ruleTester('seccomp-profile-allows-all', {
  valid: [denyList(['mount']), allowList(['open'])],
  invalid: [
    { name: 'SCMP_ACT_ALLOW denying nothing', code: denyList([]), errors: [{ messageId: 'allowsAll', line: 2, column: 20 }], output: null },
    {
      name: 'SCMP_ACT_LOG with only allow rules',
      code: JSON.stringify({ defaultAction: 'SCMP_ACT_LOG', syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW' }] }),
      errors: [{ messageId: 'allowsAll', line: 1, column: 18 }],
      output: null,
    },
  ],
});
