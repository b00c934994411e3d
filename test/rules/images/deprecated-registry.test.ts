import { ruleTester } from '../../helpers/rule-tester';

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: ${image}\n`;

ruleTester('deprecated-registry', {
  valid: [pod('registry.k8s.io/pause:3.9'), pod('gcr.io/k8s-staging/x:1')],
  invalid: [
    { code: pod('k8s.gcr.io/pause:3.2'), errors: [{ messageId: 'frozen', line: 8, column: 12, endColumn: 32 }], output: pod('registry.k8s.io/pause:3.2') },
    {
      name: 'quoted',
      code: pod('"k8s.gcr.io/ingress-nginx/controller:v1.2.0"'),
      errors: [{ messageId: 'frozen', line: 8, column: 12 }],
      output: pod('"registry.k8s.io/ingress-nginx/controller:v1.2.0"'),
    },
  ],
});
