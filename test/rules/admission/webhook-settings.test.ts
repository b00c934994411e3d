import { ruleTester } from '../../helpers/rule-tester';
import { deploymentRule, quiet, webhookConfig } from '../../helpers/webhooks';

const url = '    clientConfig:\n      url: https://hooks.example.com/\n';
const beta = { apiVersion: 'admissionregistration.k8s.io/v1beta1' };

ruleTester('webhook-settings', {
  valid: [
    { name: 'v1 with the usual settings', code: webhookConfig(`${quiet}    timeoutSeconds: 10\n    failurePolicy: Fail\n${deploymentRule}${url}`) },
    {
      name: 'NoneOnDryRun; a long timeout when failing open',
      code: webhookConfig(`    admissionReviewVersions: [v1, v1beta1]\n    sideEffects: NoneOnDryRun\n    timeoutSeconds: 30\n    failurePolicy: Ignore\n${deploymentRule}${url}`),
    },
    {
      name: 'Exact with every version',
      code: webhookConfig(
        `${quiet}    matchPolicy: Exact\n    rules:\n      - apiGroups: ["apps"]\n        apiVersions: ["*"]\n        operations: ["CREATE"]\n        resources: ["deployments"]\n${url}`,
      ),
    },
    { name: 'v1beta1 with everything declared', code: webhookConfig(`${quiet}    matchPolicy: Equivalent\n${deploymentRule}${url}`, beta) },
    { name: 'missing v1 fields are the schema rules’', code: webhookConfig(`${deploymentRule}${url}`) },
    {
      name: 'templated values',
      code: webhookConfig(`    admissionReviewVersions: ["{{ .Values.version }}"]\n    sideEffects: "{{ .Values.sideEffects }}"\n    timeoutSeconds: "{{ .Values.timeout }}"\n${deploymentRule}${url}`),
    },
  ],
  invalid: [
    {
      name: 'Some side effects in v1',
      code: webhookConfig(`    admissionReviewVersions: ["v1"]\n    sideEffects: Some\n${deploymentRule}${url}`),
      errors: [{ messageId: 'sideEffects', line: 8, column: 18, endColumn: 22 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'review versions without v1: v1 is added last, which changes nothing today',
      code: webhookConfig(`    admissionReviewVersions: ["v1beta1"]\n    sideEffects: None\n${deploymentRule}${url}`),
      errors: [{ messageId: 'reviewVersions', line: 7, column: 5, endColumn: 28 }],
      output: webhookConfig(`    admissionReviewVersions: ["v1beta1", "v1"]\n    sideEffects: None\n${deploymentRule}${url}`),
    },
    {
      name: 'v1beta1 defaults: Unknown side effects, v1beta1 reviews, Exact matching',
      code: webhookConfig(`${deploymentRule}${url}`, beta),
      errors: [
        { messageId: 'sideEffectsDefault', line: 6, column: 11 },
        { messageId: 'reviewVersionsDefault', line: 6, column: 11 },
        { messageId: 'exactDefault', line: 6, column: 11 },
      ],
      output: webhookConfig(`${deploymentRule}${url}    admissionReviewVersions:\n      - v1beta1\n      - v1\n`, beta),
      suggestions: true,
    },
    {
      name: 'a timeout out of range',
      code: webhookConfig(`${quiet}    timeoutSeconds: 45\n    failurePolicy: Ignore\n${deploymentRule}${url}`),
      errors: [{ messageId: 'timeoutRange', line: 9, column: 21, endColumn: 23 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'a long timeout when failing closed (the v1 default)',
      code: webhookConfig(`${quiet}    timeoutSeconds: 25\n${deploymentRule}${url}`),
      errors: [{ messageId: 'timeoutLong', line: 9, column: 21 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'Exact with version-specific rules',
      code: webhookConfig(`${quiet}    matchPolicy: Exact\n${deploymentRule}${url}`),
      errors: [{ messageId: 'exact', line: 9, column: 18 }],
      output: null,
      suggestions: true,
    },
  ],
});
