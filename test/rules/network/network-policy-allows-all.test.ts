import { ruleTester } from '../../helpers/rule-tester';

const policy = (ingress: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
spec:
  podSelector: {}${extra}
  ingress:
${ingress}
`;

ruleTester('network-policy-allows-all', {
  valid: [
    policy('    - from:\n        - podSelector: {matchLabels: {app: web}}'),
    policy('    - from:\n        - namespaceSelector: {matchLabels: {team: a}}'),
    policy('    - from:\n        - namespaceSelector: {}\n          podSelector: {matchLabels: {app: web}}'),
    policy('    - from:\n        - ipBlock: {cidr: 10.0.0.0/8}'),
    { name: 'ingress rules of an egress-only policy are ignored', code: policy('    - {}', '\n  policyTypes: [Egress]') },
    { name: 'a templated cidr', code: policy('    - from:\n        - ipBlock: {cidr: "{{ .Values.cidr }}"}') },
  ],
  invalid: [
    { name: 'an empty rule', code: policy('    - {}'), errors: [{ messageId: 'everySource', line: 8, column: 7, endColumn: 9 }], output: null },
    { name: 'a rule with ports but no from', code: policy('    - ports:\n        - port: 80'), errors: [{ messageId: 'everySource', line: 8, column: 7 }], output: null },
    { name: 'an empty from', code: policy('    - from: []'), errors: [{ messageId: 'everySource', line: 8, column: 7, endColumn: 11 }], output: null },
    { name: 'every namespace', code: policy('    - from:\n        - namespaceSelector: {}'), errors: [{ messageId: 'everyNamespace', line: 9, column: 11 }], output: null },
    {
      name: 'every IPv4 and IPv6 address',
      code: policy('    - from:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n            except: [10.0.0.0/8]\n        - ipBlock: {cidr: "::/0"}'),
      errors: [
        { messageId: 'everyAddress', line: 10, column: 19, endColumn: 28 },
        { messageId: 'everyAddress', line: 12, column: 27, endColumn: 33 },
      ],
      output: null,
    },
  ],
});
