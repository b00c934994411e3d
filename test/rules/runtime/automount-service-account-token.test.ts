import { ruleTester } from '../../helpers/rule-tester';

const deployment = (spec: string, namespace = 'shop') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n${spec}      containers:\n      - name: app\n        image: nginx:1.27\n`;
const account = (automount: string, namespace = 'shop') => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: ${namespace}\nautomountServiceAccountToken: ${automount}\n`;

ruleTester('automount-service-account-token', {
  valid: [
    { name: 'the pod turns it off', code: deployment('      automountServiceAccountToken: false\n') },
    { name: 'the pod asks for it', code: deployment('      automountServiceAccountToken: true\n') },
    { name: 'its ServiceAccount turns it off', code: deployment('      serviceAccountName: web\n') + account('false') },
    { name: 'a templated account', code: deployment('      serviceAccountName: "{{ .Values.sa }}"\n') },
  ],
  invalid: [
    {
      name: 'the default account',
      code: deployment(''),
      errors: [{ messageId: 'mounted', line: 12, column: 5, endColumn: 9 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'its ServiceAccount leaves it on',
      code: deployment('      serviceAccountName: web\n') + account('true'),
      errors: [{ messageId: 'mounted', line: 13, column: 27, endColumn: 30 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      code: deployment('      serviceAccountName: web\n') + account('false', 'other'),
      errors: [{ messageId: 'mounted', line: 13, column: 27 }],
      output: null,
      suggestions: true,
    },
  ],
});
