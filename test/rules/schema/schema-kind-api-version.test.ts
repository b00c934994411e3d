import { ruleTester } from '../../helpers/rule-tester';

const deployment = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      containers:
        - name: a
          image: x
`;

const hpa = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata:
  name: h
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}
  minReplicas: 1
  maxReplicas: 3
`;

ruleTester('schema-kind-api-version', {
  valid: [
    deployment('apps/v1'),
    hpa('autoscaling/v2'),
    hpa('autoscaling/v1'),
    { name: 'a removed API is the deprecation rules’ concern', code: deployment('extensions/v1beta1') },
    { name: 'a custom resource of the same kind name', code: deployment('example.com/v1') },
  ],
  invalid: [
    {
      name: 'Deployment under v1',
      code: deployment('v1'),
      errors: [{ messageId: 'wrongApiVersion', line: 1, column: 13, endColumn: 15 }],
      output: deployment('apps/v1'),
    },
    {
      name: 'several APIs serve the kind: suggestions',
      code: hpa('apps/v1'),
      errors: [{ messageId: 'wrongApiVersion', line: 1, column: 13 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'an API newer than the target',
      code: hpa('autoscaling/v2'),
      config: { kubernetesVersion: '1.22' },
      errors: [{ messageId: 'tooNew', line: 1, column: 13 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'a CronJob under apps/v1, in a multi-document file',
      code: `${deployment('apps/v1')}---\napiVersion: apps/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: a\n              image: x\n`,
      errors: [{ messageId: 'wrongApiVersion', line: 16, column: 13 }],
      output: `${deployment('apps/v1')}---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: a\n              image: x\n`,
    },
  ],
});
