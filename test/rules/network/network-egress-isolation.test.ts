import { ruleTester } from '../../helpers/rule-tester';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers: [{name: c, image: x}]
`;
const on = { rules: { 'network-egress-isolation': 'warning' as const } };

ruleTester('network-egress-isolation', {
  valid: [
    { name: 'off by default', code: pod },
    {
      name: 'an Egress policy selects it',
      config: on,
      code: `${pod}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: e}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n`,
    },
    {
      name: 'egress rules with policyTypes omitted',
      config: on,
      code: `${pod}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: e}\nspec:\n  podSelector: {}\n  egress: [{to: [{podSelector: {}}]}]\n`,
    },
  ],
  invalid: [
    { name: 'enabled by a setting, no policy', config: on, code: pod, errors: [{ messageId: 'notIsolated', line: 4, column: 9 }], output: null },
    {
      name: 'an ingress-only policy does not isolate egress',
      config: on,
      code: `${pod}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: i}\nspec:\n  podSelector: {}\n  egress: []\n`,
      errors: [{ messageId: 'notIsolated', line: 4, column: 9 }],
      output: null,
    },
  ],
});
