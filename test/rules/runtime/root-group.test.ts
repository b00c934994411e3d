import { ruleTester } from '../../helpers/rule-tester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${spec}`;
const app = '  containers:\n  - name: app\n    image: nginx:1.27\n';

ruleTester('root-group', {
  valid: [
    pod(`  securityContext:\n    runAsGroup: 3000\n    fsGroup: 2000\n    supplementalGroups: [4000]\n${app}`),
    { name: 'a template expression', code: pod(`  securityContext:\n    runAsGroup: "{{ .Values.gid }}"\n${app}`) },
    { name: 'the seed article: runAsGroup 3000', code: pod(`${app}    securityContext:\n      runAsUser: 1000\n      runAsGroup: 3000\n`) },
  ],
  invalid: [
    {
      name: 'pod and container runAsGroup 0, fsGroup 0, supplementalGroups with 0',
      code: pod(`  securityContext:\n    runAsGroup: 0\n    fsGroup: 0\n    supplementalGroups: [4000, 0]\n${app}    securityContext:\n      runAsGroup: 0\n`),
      errors: [
        { messageId: 'runAsGroup', line: 7, column: 17, endColumn: 18 },
        { messageId: 'fsGroup', line: 8, column: 14, endColumn: 15 },
        { messageId: 'supplementalGroups', line: 9, column: 32, endColumn: 33 },
        { messageId: 'runAsGroup', line: 14, column: 19, endColumn: 20 },
      ],
      output: null,
      suggestions: true,
    },
    {
      name: 'only group 0 in supplementalGroups',
      code: pod(`  securityContext:\n    supplementalGroups:\n    - 0\n${app}`),
      errors: [{ messageId: 'supplementalGroups', line: 8, column: 7 }],
      output: null,
      suggestions: true,
    },
  ],
});
