import { ruleTester } from '../../helpers/rule-tester';
import { repairedSeedWebhook } from '../../helpers/seed-webhook';
import { deploymentRule, quiet, service, serviceConfig, webhookConfig } from '../../helpers/webhooks';

const hook = (namespace = 'hooks', name = 'demo-webhook') => webhookConfig(`${quiet}${deploymentRule}${serviceConfig(namespace, name)}`);

ruleTester('webhook-service-missing', {
  valid: [
    { name: 'the Service beside it', code: `${hook()}${service('hooks')}` },
    { name: 'a Service without namespace, applied with -n', code: `${hook()}${service(null)}` },
    { name: 'a Service in a templated namespace', code: `${hook()}${service('"{{ .Release.Namespace }}"')}` },
    { name: 'a templated service name', code: hook('hooks', '"{{ .Values.service }}"') },
    { name: 'a URL webhook', code: webhookConfig(`${quiet}${deploymentRule}    clientConfig:\n      url: https://hooks.example.com/\n`) },
  ],
  invalid: [
    { name: "the seed article's webhook", code: repairedSeedWebhook, errors: [{ messageId: 'missing', line: 17, column: 13, endColumn: 36 }], output: null },
    { name: 'a misspelt name', code: `${hook('hooks', 'demo-webhok')}${service('hooks')}`, errors: [{ messageId: 'missing', line: 16, column: 15 }], output: null },
    { name: 'the wrong namespace', code: `${hook('hook')}${service('hooks')}`, errors: [{ messageId: 'missing', line: 16, column: 15 }], output: null },
  ],
});
