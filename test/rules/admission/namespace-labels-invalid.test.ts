import { ruleTester } from '../../helpers/rule-tester';

const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n${labels}`;
const label = (key: string, value: string) => `    pod-security.kubernetes.io/${key}: ${value}\n`;

ruleTester('namespace-labels-invalid', {
  valid: [
    {
      name: 'every mode with a level and a version',
      code: ns(
        label('enforce', 'baseline') +
          label('enforce-version', 'v1.30') +
          label('warn', 'restricted') +
          label('warn-version', 'latest') +
          label('audit', 'privileged') +
          label('audit-version', 'v1.0'),
      ),
    },
    { name: 'templated values', code: ns(label('enforce', '"{{ .Values.level }}"') + label('enforce-version', '"{{ .Values.version }}"')) },
    { name: 'other labels are not read', code: ns(label('enforce-verison', 'soon') + '    team: shop\n') },
    { name: 'not a Namespace', code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\n  labels:\n${label('enforce', 'restrcted')}` },
  ],
  invalid: [
    {
      name: 'a misspelt restricted is read as restricted: the safe fix writes it so',
      code: ns(label('enforce', 'restrcted')),
      errors: [{ messageId: 'level', line: 6, column: 41, endColumn: 50 }],
      output: ns(label('enforce', 'restricted')),
    },
    {
      name: 'Restricted in capitals, quoted',
      code: ns(label('warn', '"Restricted"')),
      errors: [{ messageId: 'level', line: 6, column: 38 }],
      output: ns(label('warn', '"restricted"')),
    },
    {
      name: 'a misspelt baseline is read as restricted: correcting it is a suggestion',
      code: ns(label('enforce', 'basline')),
      errors: [{ messageId: 'level', line: 6, column: 41 }],
      output: null,
      suggestions: true,
    },
    { name: 'no level near it', code: ns(label('audit', 'strict')), errors: [{ messageId: 'level', line: 6, column: 39 }], output: null },
    {
      name: 'a version without its v (a YAML number, or a string)',
      code: ns(label('enforce-version', '1.30') + label('warn-version', '"1.30"')),
      errors: [
        { messageId: 'version', line: 6, column: 49, endColumn: 53 },
        { messageId: 'version', line: 7, column: 46, endColumn: 52 },
      ],
      output: null,
      suggestions: true,
    },
    {
      name: 'Latest is read as latest: the safe fix writes it so',
      code: ns(label('enforce-version', 'Latest')),
      errors: [{ messageId: 'version', line: 6, column: 49 }],
      output: ns(label('enforce-version', 'latest')),
    },
    { name: 'a patch version', code: ns(label('enforce-version', 'v1.30.2')), errors: [{ messageId: 'version', line: 6, column: 49 }], output: null, suggestions: true },
    { name: 'a version from the future', code: ns(label('enforce-version', 'v1.99')), errors: [{ messageId: 'future', line: 6, column: 49 }], output: null, suggestions: true },
  ],
});
