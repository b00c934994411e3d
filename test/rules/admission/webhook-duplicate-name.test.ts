import { ruleTester } from '../../helpers/rule-tester';
import { deploymentRule, quiet, webhookConfig } from '../../helpers/webhooks';

const url = '    clientConfig:\n      url: https://hooks.example.com/\n';
const second = (name: string) => `  - name: ${name}\n${quiet}${deploymentRule}${url}`;
const other = (config: string, kind = 'ValidatingWebhookConfiguration') => `---\n${webhookConfig(`${quiet}${deploymentRule}${url}`, { kind }).replace('name: demo\n', `name: ${config}\n`)}`;

ruleTester('webhook-duplicate-name', {
  valid: [
    { name: 'distinct names', code: webhookConfig(`${quiet}${deploymentRule}${url}${second('other.example.com')}`) },
    { name: 'the same configuration declared twice is one object', code: `${webhookConfig(`${quiet}${deploymentRule}${url}`)}${other('demo')}` },
    { name: 'a mutating and a validating webhook may share a name', code: `${webhookConfig(`${quiet}${deploymentRule}${url}`)}${other('demo-mutating', 'MutatingWebhookConfiguration')}` },
  ],
  invalid: [
    {
      name: 'twice in one configuration',
      code: webhookConfig(`${quiet}${deploymentRule}${url}${second('demo.example.com')}`),
      errors: [{ messageId: 'sameConfiguration', line: 16, column: 11, endColumn: 27 }],
      output: null,
    },
    {
      name: 'in two configurations: both are reported',
      code: `${webhookConfig(`${quiet}${deploymentRule}${url}`)}${other('demo-copy')}`,
      errors: [
        { messageId: 'otherConfiguration', line: 6, column: 11 },
        { messageId: 'otherConfiguration', line: 22, column: 11 },
      ],
      output: null,
    },
  ],
});
