import { ruleTester } from '../../helpers/rule-tester';
import { caBundleOf, selfSignedCertificate } from '../../helpers/certificates';
import { deploymentRule, quiet, serviceConfig, webhookConfig } from '../../helpers/webhooks';

// Off by default: the table switches it on.
const config = { rules: { 'webhook-ca-bundle-missing': 'info' as const } };
const bundle = caBundleOf(selfSignedCertificate('hooks-ca', new Date('2020-01-01T00:00:00Z'), new Date('2090-01-01T00:00:00Z')));

ruleTester('webhook-ca-bundle-missing', {
  valid: [
    { name: 'off by default', code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks')}`) },
    { name: 'a bundle', code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks', 'demo-webhook', `      caBundle: ${bundle}\n`)}`), config },
    {
      name: 'cert-manager injects it',
      code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks')}`, { metadata: '  annotations:\n    cert-manager.io/inject-ca-from: hooks/demo-webhook\n' }),
      config,
    },
    {
      name: 'OpenShift injects it',
      code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks', 'demo-webhook', '      caBundle: ""\n')}`, {
        metadata: '  annotations:\n    service.beta.openshift.io/inject-cabundle: "true"\n',
      }),
      config,
    },
    { name: 'a URL is verified against the system roots', code: webhookConfig(`${quiet}${deploymentRule}    clientConfig:\n      url: https://hooks.example.com/\n`), config },
  ],
  invalid: [
    { name: 'no bundle', code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks')}`), config, errors: [{ messageId: 'missing', line: 14, column: 5, endColumn: 17 }], output: null },
    {
      name: 'an empty bundle',
      code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks', 'demo-webhook', '      caBundle: ""\n')}`),
      config,
      errors: [{ messageId: 'empty', line: 18, column: 7, endColumn: 15 }],
      output: null,
    },
  ],
});
