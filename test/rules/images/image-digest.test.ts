import { ruleTester } from '../../helpers/rule-tester';

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: ${image}\n`;
const on = { rules: { 'image-digest': 'info' as const } };

ruleTester('image-digest', {
  valid: [
    { name: 'off by default', code: pod('nginx:1.27') },
    { config: on, code: pod('nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000') },
  ],
  invalid: [{ config: on, code: pod('nginx:1.27'), errors: [{ messageId: 'noDigest', line: 8, column: 12, endColumn: 22 }], output: null }],
});
