import { ruleTester } from '../../helpers/rule-tester';
import { deploymentRule, quiet, webhookConfig } from '../../helpers/webhooks';

const url = '    clientConfig:\n      url: https://hooks.example.com/\n';
const rule = (groups: string, operations: string, resources: string) =>
  webhookConfig(`${quiet}    failurePolicy: Ignore\n    rules:\n      - apiGroups: ${groups}\n        apiVersions: ["*"]\n        operations: ${operations}\n        resources: ${resources}\n${url}`);

ruleTester('webhook-wildcard-rules', {
  valid: [
    { name: 'named resources and operations', code: webhookConfig(`${quiet}${deploymentRule}${url}`) },
    { name: 'every resource of a named group (cert-manager-style)', code: rule('["cert-manager.io", "acme.cert-manager.io"]', '["CREATE", "UPDATE"]', '["*/*"]') },
    { name: 'one subresource of every resource', code: rule('["apps"]', '["UPDATE"]', '["*/scale"]') },
    { name: 'templated lists', code: rule('["{{ .Values.group }}"]', '["CREATE"]', '"{{ .Values.resources }}"') },
  ],
  invalid: [
    {
      name: 'everything',
      code: rule('["*"]', '["*"]', '["*/*"]'),
      errors: [
        { messageId: 'operation', line: 13, column: 22, endColumn: 25 },
        { messageId: 'resource', line: 14, column: 21, endColumn: 26 },
      ],
      output: null,
    },
    {
      name: 'every resource of the core group',
      code: rule('[""]', '["CREATE"]', '["*"]'),
      errors: [{ messageId: 'resource', line: 14, column: 21 }],
      output: null,
    },
    {
      name: 'every subresource of pods',
      code: rule('[""]', '["CREATE"]', '["pods", "pods/*"]'),
      errors: [{ messageId: 'subresource', line: 14, column: 29 }],
      output: null,
    },
  ],
});
