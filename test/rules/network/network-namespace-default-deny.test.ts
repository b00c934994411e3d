import { ruleTester } from '../../helpers/rule-tester';

const namespace = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

ruleTester('network-namespace-default-deny', {
  valid: [
    {
      name: 'a default-deny policy in the namespace',
      code: `${namespace}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`,
    },
    {
      name: 'a clusterwide Cilium default deny',
      code: `${namespace}---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: deny}\nspec:\n  endpointSelector: {}\n  ingress: [{}]\n`,
    },
    {
      name: 'a policy in a templated namespace may be one',
      code: `${namespace}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: "{{ .Release.Namespace }}"}\nspec: {podSelector: {}}\n`,
    },
  ],
  invalid: [
    { name: 'no policy at all', code: namespace, errors: [{ messageId: 'noDefaultDeny', line: 4, column: 9, endColumn: 13 }], output: null, suggestions: true },
    {
      name: 'a policy that allows some ingress is not a default deny; one in another namespace does not count',
      code: `${namespace}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: some, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: prod}\nspec: {podSelector: {}}\n`,
      errors: [{ messageId: 'noDefaultDeny', line: 4, column: 9 }],
      output: null,
      suggestions: true,
    },
  ],
});
