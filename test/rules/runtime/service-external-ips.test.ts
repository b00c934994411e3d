import { ruleTester } from '../../helpers/rule-tester';

const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n${spec}`;

ruleTester('service-external-ips', {
  valid: [
    service(''),
    service('  externalIPs: []\n'),
    { name: 'templated', code: service('  externalIPs:\n  - "{{ .Values.ip }}"\n') },
    'apiVersion: example.com/v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  externalIPs: [1.2.3.4]\n',
  ],
  invalid: [
    {
      code: service('  externalIPs:\n  - 203.0.113.10\n  - 8.8.8.8\n'),
      errors: [{ messageId: 'externalIPs', line: 9, column: 3, endColumn: 14 }],
      output: null,
    },
  ],
});
