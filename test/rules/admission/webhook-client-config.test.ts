import { ruleTester } from '../../helpers/rule-tester';
import { deploymentRule, quiet, serviceConfig, webhookConfig } from '../../helpers/webhooks';

const withUrl = (url: string) => webhookConfig(`${quiet}${deploymentRule}    clientConfig:\n      url: ${url}\n`);

ruleTester('webhook-client-config', {
  valid: [
    { name: 'a Service', code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks')}`) },
    { name: 'an https URL with a DNS name', code: withUrl('https://hooks.example.com:8443/validate') },
    { name: 'a templated URL', code: withUrl('"{{ .Values.webhookUrl }}"') },
    { name: 'no clientConfig at all is a schema finding', code: webhookConfig(`${quiet}${deploymentRule}`) },
  ],
  invalid: [
    { name: 'http', code: withUrl('http://hooks.example.com/'), errors: [{ messageId: 'notHttps', line: 15, column: 12, endColumn: 37 }], output: null },
    {
      name: 'an IP literal over http',
      code: withUrl('http://10.0.12.7:8080/check'),
      errors: [
        { messageId: 'notHttps', line: 15, column: 12 },
        { messageId: 'ip', line: 15, column: 12 },
      ],
      output: null,
    },
    { name: 'an IPv6 literal', code: withUrl('https://[fd00::1]/check'), errors: [{ messageId: 'ip', line: 15, column: 12 }], output: null },
    { name: 'localhost', code: withUrl('https://localhost:9443/check'), errors: [{ messageId: 'localhost', line: 15, column: 12 }], output: null },
    { name: 'credentials, never echoed', code: withUrl('https://admin:hunter2@hooks.example.com/'), errors: [{ messageId: 'credentials', line: 15, column: 12 }], output: null },
    { name: 'not a URL', code: withUrl('hooks.example.com/check'), errors: [{ messageId: 'invalid', line: 15, column: 12 }], output: null },
    {
      name: 'both a URL and a Service',
      code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks')}      url: https://hooks.example.com/\n`),
      errors: [{ messageId: 'both', line: 14, column: 5, endColumn: 17 }],
      output: null,
    },
    { name: 'neither', code: webhookConfig(`${quiet}${deploymentRule}    clientConfig:\n      caBundle: ""\n`), errors: [{ messageId: 'neither', line: 14, column: 5 }], output: null },
  ],
});
