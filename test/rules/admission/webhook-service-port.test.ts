import { ruleTester } from '../../helpers/rule-tester';
import { deploymentRule, quiet, service, serviceConfig, webhookConfig } from '../../helpers/webhooks';

const hook = (port = '') => webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks', 'demo-webhook', port)}`);

ruleTester('webhook-service-port', {
  valid: [
    { name: 'the default port 443', code: `${hook()}${service('hooks', 'demo-webhook', [443])}` },
    { name: 'a port the Service exposes', code: `${hook('        port: 8443\n')}${service('hooks', 'demo-webhook', [80, 8443])}` },
    { name: 'no Service in the workspace (webhook-service-missing’s)', code: hook() },
    { name: 'a templated port', code: `${hook('        port: "{{ .Values.port }}"\n')}${service('hooks', 'demo-webhook', [8443])}` },
  ],
  invalid: [
    { name: 'the default port, not exposed', code: `${hook()}${service('hooks', 'demo-webhook', [8443])}`, errors: [{ messageId: 'defaultPort', line: 16, column: 15, endColumn: 27 }], output: null },
    {
      name: 'a port not exposed',
      code: `${hook('        port: 9443\n')}${service('hooks', 'demo-webhook', [443])}`,
      errors: [{ messageId: 'port', line: 18, column: 15, endColumn: 19 }],
      output: null,
    },
  ],
});
