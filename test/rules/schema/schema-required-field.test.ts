import { ruleTester } from '../../helpers/rule-tester';

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
${spec}
`;

const template = `  template:
    metadata:
      labels: {app: d}
    spec:
      containers:
        - name: a
          image: x`;

ruleTester('schema-required-field', {
  valid: [
    deployment(`  selector:\n    matchLabels: {app: d}\n${template}`),
    { name: 'a Pod with every required field', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n' },
  ],
  invalid: [
    {
      name: 'a Deployment without a selector: on the spec key',
      code: deployment(template),
      errors: [{ messageId: 'missing', line: 5, column: 1, endColumn: 5 }],
      output: null,
    },
    {
      name: 'a container without a name: on its first key',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: x\n      ports:\n        - protocol: TCP\n',
      errors: [
        { messageId: 'missing', line: 7, column: 7, endColumn: 12 },
        { messageId: 'missing', line: 9, column: 11, endColumn: 19 },
      ],
      output: null,
    },
    {
      name: 'a CronJob without a schedule',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: a\n              image: x\n',
      errors: [{ messageId: 'missing', line: 5, column: 1 }],
      output: null,
    },
  ],
});
