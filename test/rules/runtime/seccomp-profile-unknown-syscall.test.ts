import { ruleTester } from '../../helpers/rule-tester';
import { allowList } from './profiles';

ruleTester('seccomp-profile-unknown-syscall', {
  valid: [allowList(['open', 'openat2', 'arm_fadvise64_64', 'cachestat'])],
  invalid: [
    { name: 'a misspelt name', code: allowList(['opne']), errors: [{ messageId: 'didYouMean', line: 16, column: 9, endColumn: 15 }], output: null },
    { name: 'a made-up name', code: allowList(['frobnicate_everything']), errors: [{ messageId: 'unknown', line: 16, column: 9 }], output: null },
  ],
});
