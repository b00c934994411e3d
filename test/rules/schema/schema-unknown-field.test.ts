import { ruleTester } from '../../helpers/rule-tester';

const pod = (securityContext: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext:
${securityContext}
`;

const cronJob = (extra: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: registry.example.com/job:1.0
${extra}
`;

ruleTester('schema-unknown-field', {
  valid: [
    pod('        runAsNonRoot: true\n        allowPrivilegeEscalation: false'),
    cronJob('              imagePullPolicy: IfNotPresent'),
    { name: 'a custom resource without a known CRD is not checked', code: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: 1\n' },
    {
      name: 'patch directives are no fields',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          $patch: delete\n',
    },
    { name: 'merge keys are no fields', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: c\n  labels: {a: b}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  <<: *m\n  name: s\n' },
    { name: 'keys of maps are free', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    Anything: goes\ndata:\n  Whatever: "1"\n' },
    { name: 'not Kubernetes', code: 'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n' },
  ],
  invalid: [
    {
      name: 'letter case: a safe rename',
      code: pod('        runAsNonroot: true'),
      errors: [{ messageId: 'didYouMean', line: 10, column: 9, endColumn: 21 }],
      output: pod('        runAsNonRoot: true'),
    },
    {
      name: 'a near spelling: a suggestion only',
      code: pod('        allowPrivilegeEscalaton: false'),
      errors: [{ messageId: 'didYouMean', line: 10, column: 9 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'quoted keys keep their quotes',
      code: pod('        "RunAsNonRoot": true'),
      errors: [{ messageId: 'didYouMean', line: 10, column: 9 }],
      output: pod('        "runAsNonRoot": true'),
    },
    {
      name: 'no rename onto a key that is there already',
      code: pod('        runAsNonRoot: true\n        RunAsNonRoot: true'),
      errors: [{ messageId: 'unknown', line: 11, column: 9 }],
      output: null,
    },
    { name: 'nothing close', code: cronJob('              frobnicate: true'), errors: [{ messageId: 'unknown', line: 15, column: 15 }], output: null },
    {
      name: 'a capitalised top-level key, and the fields below it are still checked',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nSpec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n        - name: a\n          image: x\n          Image: y\n',
      errors: [
        { messageId: 'didYouMean', line: 5, column: 1 },
        { messageId: 'unknown', line: 15, column: 11 },
      ],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n        - name: a\n          image: x\n          Image: y\n',
    },
    {
      name: 'a key indented into the wrong object',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n      selector:\n        app: web\n',
      errors: [{ messageId: 'misplaced', line: 8, column: 7 }],
      output: null,
    },
    {
      name: 'multi-document: each document on its own',
      code: `${pod('        runAsNonRoot: true')}---\n${pod('        Privileged: false')}`,
      errors: [{ messageId: 'didYouMean', line: 21, column: 9 }],
      output: `${pod('        runAsNonRoot: true')}---\n${pod('        privileged: false')}`,
    },
  ],
});
