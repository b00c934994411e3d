import { ruleTester } from '../../helpers/rule-tester';

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: ${image}\n`;
const allowed = { images: { allowedRegistries: ['registry.example.com', 'ghcr.io/acme', 'docker.io'] } };

ruleTester('image-registry', {
  valid: [
    { name: 'no allow-list: silent', code: pod('evil.example.net/x:1') },
    { config: allowed, code: pod('registry.example.com/team/app:1.2') },
    { name: 'a path prefix', config: allowed, code: pod('ghcr.io/acme/app:1.2') },
    { name: 'Docker Hub short names', config: allowed, code: pod('nginx:1.27') },
  ],
  invalid: [
    { config: allowed, code: pod('ghcr.io/other/app:1.2'), errors: [{ messageId: 'registry', line: 8, column: 12, endColumn: 33 }], output: null },
    { name: 'a host that only starts like an allowed one', config: allowed, code: pod('registry.example.com.evil.net/app:1'), errors: [{ messageId: 'registry', line: 8, column: 12 }], output: null },
  ],
});
