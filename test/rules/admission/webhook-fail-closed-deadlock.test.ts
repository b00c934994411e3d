import { ruleTester } from '../../helpers/rule-tester';
import { repairedSeedWebhook } from '../../helpers/seed-webhook';
import { podRule, quiet, serviceConfig, webhookConfig } from '../../helpers/webhooks';

const excluded = '    namespaceSelector:\n      matchExpressions:\n        - key: kubernetes.io/metadata.name\n          operator: NotIn\n          values: [kube-system, hooks]\n';

ruleTester('webhook-fail-closed-deadlock', {
  valid: [
    { name: 'fails open', code: webhookConfig(`${quiet}    failurePolicy: Ignore\n${podRule}${serviceConfig('hooks')}`) },
    { name: 'v1beta1 defaults to Ignore', code: webhookConfig(`${quiet}${podRule}${serviceConfig('hooks')}`, { apiVersion: 'admissionregistration.k8s.io/v1beta1' }) },
    { name: 'excludes kube-system and its own namespace', code: webhookConfig(`${quiet}    failurePolicy: Fail\n${excluded}${podRule}${serviceConfig('hooks')}`) },
    {
      name: 'opt-in namespaces (istio-style injection label)',
      code: webhookConfig(`${quiet}    failurePolicy: Fail\n    namespaceSelector:\n      matchLabels:\n        istio-injection: enabled\n${podRule}${serviceConfig('istio-system')}`),
    },
    { name: 'opt-in objects', code: webhookConfig(`${quiet}    failurePolicy: Fail\n    objectSelector:\n      matchLabels: {inject: "true"}\n${podRule}${serviceConfig('hooks')}`) },
    {
      name: 'not pods (cert-manager-style CRD webhook)',
      code: webhookConfig(
        `${quiet}    failurePolicy: Fail\n    rules:\n      - apiGroups: ["cert-manager.io", "acme.cert-manager.io"]\n        apiVersions: ["v1"]\n        operations: ["CREATE", "UPDATE"]\n        resources: ["*/*"]\n${serviceConfig('cert-manager')}`,
      ),
    },
    {
      name: 'pods, but only on UPDATE',
      code: webhookConfig(
        `${quiet}    failurePolicy: Fail\n    rules:\n      - apiGroups: [""]\n        apiVersions: ["v1"]\n        operations: ["UPDATE"]\n        resources: ["pods"]\n${serviceConfig('hooks')}`,
      ),
    },
    {
      name: 'match conditions may exclude them',
      code: webhookConfig(
        `${quiet}    failurePolicy: Fail\n    matchConditions:\n      - name: not-system\n        expression: request.namespace != "kube-system"\n${podRule}${serviceConfig('hooks')}`,
      ),
    },
    { name: 'a templated selector', code: webhookConfig(`${quiet}    failurePolicy: Fail\n    namespaceSelector: "{{ .Values.selector }}"\n${podRule}${serviceConfig('hooks')}`) },
    {
      name: 'a label of its own Namespace manifest excludes it',
      code: `${webhookConfig(`${quiet}    failurePolicy: Fail\n    namespaceSelector:\n      matchExpressions:\n        - {key: webhooks, operator: DoesNotExist}\n        - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}\n${podRule}${serviceConfig('hooks')}`)}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: hooks\n  labels: {webhooks: skip}\n`,
    },
  ],
  invalid: [
    {
      name: "the seed article's webhook: its service runs in kube-system, which it intercepts",
      code: repairedSeedWebhook,
      errors: [{ messageId: 'ownNamespace', line: 14, column: 18, endColumn: 22 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'failurePolicy defaults to Fail in v1: the finding is on the name',
      code: webhookConfig(`${quiet}${podRule}    clientConfig:\n      url: https://hooks.example.com/\n`),
      errors: [{ messageId: 'failClosedDefault', line: 6, column: 11, endColumn: 27 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'its own namespace is intercepted as well',
      code: webhookConfig(`${quiet}${podRule}${serviceConfig('hooks')}`),
      errors: [{ messageId: 'ownNamespace', line: 6, column: 11, endColumn: 27 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'every resource of every group, with an opt-out selector that keeps kube-system',
      code: webhookConfig(
        `${quiet}    failurePolicy: Fail\n    namespaceSelector:\n      matchExpressions:\n        - key: control-plane\n          operator: DoesNotExist\n    rules:\n      - apiGroups: ["*"]\n        apiVersions: ["*"]\n        operations: ["*"]\n        resources: ["*"]\n    clientConfig:\n      url: https://hooks.example.com/\n`,
      ),
      errors: [{ messageId: 'failClosed', line: 9, column: 20 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'excludes kube-system but not its own namespace: the suggestion adds it to the list',
      code: webhookConfig(
        `${quiet}    failurePolicy: Fail\n    namespaceSelector:\n      matchExpressions:\n        - key: kubernetes.io/metadata.name\n          operator: NotIn\n          values: [kube-system]\n${podRule}${serviceConfig('hooks')}`,
      ),
      errors: [{ messageId: 'ownNamespace', line: 9, column: 20 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'another expression: the suggestion appends one',
      code: webhookConfig(
        `${quiet}    failurePolicy: Fail\n    namespaceSelector:\n      matchExpressions:\n        - key: team\n          operator: Exists\n${podRule}${serviceConfig('hooks')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: hooks\n  labels: {team: platform}\n`,
      ),
      errors: [{ messageId: 'ownNamespace', line: 9, column: 20 }],
      output: null,
      suggestions: true,
    },
  ],
});
