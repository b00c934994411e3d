import { ruleTester } from '../../helpers/rule-tester';
import { podRule, quiet, serviceConfig, webhookConfig } from '../../helpers/webhooks';

const named = (name: string, body: string, apiVersion = 'admissionregistration.k8s.io/v1') => webhookConfig(body, { apiVersion }).replace('demo.example.com', name);
const excluded = '    namespaceSelector:\n      matchExpressions:\n        - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, gatekeeper-system]}\n';

ruleTester('webhook-fail-open-security', {
  valid: [
    { name: 'a policy webhook that fails closed', code: named('validation.gatekeeper.sh', `${quiet}    failurePolicy: Fail\n${excluded}${podRule}${serviceConfig('gatekeeper-system')}`) },
    { name: 'config validation is not security policy (istio-style)', code: named('validation.istio.io', `${quiet}    failurePolicy: Ignore\n${podRule}${serviceConfig('istio-system')}`) },
    { name: 'v1 defaults to Fail', code: named('validation.gatekeeper.sh', `${quiet}${excluded}${podRule}${serviceConfig('gatekeeper-system')}`) },
    { name: 'no rules: it intercepts nothing', code: named('policy.example.com', `${quiet}    failurePolicy: Ignore\n${serviceConfig('hooks')}`) },
    { name: 'a templated failurePolicy', code: named('policy.example.com', `${quiet}    failurePolicy: "{{ .Values.failurePolicy }}"\n${podRule}${serviceConfig('hooks')}`) },
  ],
  invalid: [
    {
      name: 'gatekeeper failing open',
      code: named('validation.gatekeeper.sh', `${quiet}    failurePolicy: Ignore\n${podRule}${serviceConfig('gatekeeper-system')}`),
      errors: [{ messageId: 'failOpen', line: 9, column: 20, endColumn: 26 }],
      output: null,
    },
    {
      name: 'v1beta1 defaults to Ignore: the finding is on the name',
      code: named('run-as-non-root.example.com', `${podRule}${serviceConfig('hooks')}`, 'admissionregistration.k8s.io/v1beta1'),
      errors: [{ messageId: 'failOpenDefault', line: 6, column: 11, endColumn: 38 }],
      output: null,
    },
    {
      name: "the configuration's name says it",
      code: webhookConfig(`${quiet}    failurePolicy: Ignore\n${podRule}${serviceConfig('hooks')}`).replace('name: demo\n', 'name: kyverno-resource-validating-webhook-cfg\n'),
      errors: [{ messageId: 'failOpen', line: 9, column: 20 }],
      output: null,
    },
  ],
});
