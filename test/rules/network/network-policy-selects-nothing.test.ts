import { ruleTester } from '../../helpers/rule-tester';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: c, image: x}]
---
`;
const policy = (selector: string, namespace = 'shop') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: ${namespace}
spec:
  podSelector: ${selector}
`;

ruleTester('network-policy-selects-nothing', {
  valid: [
    { name: 'selects the workload', code: deployment + policy('{matchLabels: {app: web}}') },
    { name: 'selects every pod', code: deployment + policy('{}') },
    { name: 'no workload in its namespace (they are deployed from elsewhere)', code: deployment + policy('{matchLabels: {app: api}}', 'prod') },
    { name: 'a templated selector', code: deployment + policy('{matchLabels: {app: "{{ .Values.app }}"}}') },
  ],
  invalid: [
    { name: 'a typo in the label', code: deployment + policy('{matchLabels: {app: wbe}}'), errors: [{ messageId: 'selectsNothing', line: 19, column: 3, endColumn: 14 }], output: null },
    {
      name: 'a Cilium policy',
      code: `${deployment}apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c, namespace: shop}\nspec:\n  endpointSelector: {matchLabels: {app: api}}\n  ingress: [{}]\n`,
      errors: [{ messageId: 'selectsNothing', line: 17, column: 3 }],
      output: null,
    },
  ],
});
