import { ruleTester } from '../../helpers/rule-tester';

const pod = (containers: string, namespace = 'shop') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n${containers}`;
const limitRange = (limits: string, namespace = 'shop') =>
  `---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\n  namespace: ${namespace}\nspec:\n  limits:\n  - type: Container\n${limits}`;

ruleTester('resource-requirements', {
  valid: [
    pod('    resources:\n      requests: {memory: 64Mi, cpu: 100m}\n      limits: {memory: 128Mi}\n'),
    { name: 'a limit stands for the request it leaves out', code: pod('    resources:\n      requests: {cpu: 100m}\n      limits: {memory: 128Mi}\n') },
    { name: 'a LimitRange of the namespace supplies defaults', code: pod('') + limitRange('    default: {memory: 128Mi}\n    defaultRequest: {cpu: 100m}\n') },
    { name: 'templated resources', code: pod('    resources: "{{ toYaml .Values.resources }}"\n') },
    { name: 'a templated namespace', code: pod('', '"{{ .Release.Namespace }}"') },
  ],
  invalid: [
    {
      name: 'nothing set: one finding on the container name',
      code: pod(''),
      errors: [{ messageId: 'missing', line: 8, column: 11, endColumn: 14 }],
      output: null,
    },
    {
      name: 'no memory limit, on the resources key',
      code: pod('    resources:\n      requests: {memory: 64Mi, cpu: 100m}\n'),
      errors: [{ messageId: 'missing', line: 10, column: 5, endColumn: 14 }],
      output: null,
    },
    {
      name: 'a LimitRange of another namespace, or for Pods, does not count',
      code: pod('') + limitRange('    default: {memory: 128Mi, cpu: 1}\n', 'other') + limitRange('    max: {memory: 1Gi}\n  - type: Pod\n    max: {memory: 1Gi}\n'),
      errors: [{ messageId: 'missing', line: 8, column: 11 }],
      output: null,
    },
  ],
});
