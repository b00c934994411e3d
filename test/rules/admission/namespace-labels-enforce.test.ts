import { ruleTester } from '../../helpers/rule-tester';

const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n${labels}`;
const label = (key: string, value: string) => `    pod-security.kubernetes.io/${key}: ${value}\n`;

ruleTester('namespace-labels-enforce', {
  valid: [
    { name: 'enforces restricted at latest', code: ns(label('enforce', 'restricted') + label('enforce-version', 'latest') + label('warn', 'restricted')) },
    { name: 'three releases behind the target is within support', code: ns(label('enforce', 'baseline') + label('enforce-version', 'v1.34')) },
    { name: 'a Namespace without Pod Security labels (the cluster default is not known here)', code: ns('    team: shop\n') },
    { name: 'warn templated', code: ns(label('warn', '"{{ .Values.level }}"')) },
    { name: 'an older target version', code: ns(label('enforce', 'baseline') + label('enforce-version', 'v1.25')), config: { kubernetesVersion: '1.28' } },
  ],
  invalid: [
    {
      name: 'warn without enforce: the suggestion enforces the warned level',
      code: ns(label('warn', 'restricted') + label('audit', 'restricted')),
      errors: [{ messageId: 'noEnforce', line: 6, column: 5, endColumn: 36 }],
      output: null,
      suggestions: true,
    },
    { name: 'audit alone', code: ns(label('audit', 'baseline')), errors: [{ messageId: 'noEnforce', line: 6, column: 5 }], output: null, suggestions: true },
    { name: 'enforce privileged', code: ns(label('enforce', 'privileged')), errors: [{ messageId: 'privileged', line: 6, column: 41, endColumn: 51 }], output: null },
    {
      name: 'enforce-version far behind the target',
      code: ns(label('enforce', 'baseline') + label('enforce-version', 'v1.25')),
      errors: [{ messageId: 'behind', line: 7, column: 49, endColumn: 54 }],
      output: null,
      suggestions: true,
    },
  ],
});
