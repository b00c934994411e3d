import { ruleTester } from '../../helpers/rule-tester';

const pod = (containerFields: string, labels = '    app: web') => `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
${labels}
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
${containerFields}
`;

const deployment = (podFields: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels: {app: d}
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
  template:
    metadata:
      labels: {app: d}
    spec:
${podFields}
      containers:
        - name: a
          image: x
`;

ruleTester('schema-wrong-type', {
  valid: [
    pod('      securityContext:\n        runAsUser: 1000\n        privileged: false'),
    pod('      resources:\n        limits: {memory: 512Mi, cpu: 500m}\n        requests: {memory: "1e3", cpu: 0.5, ephemeral-storage: 2G}'),
    pod('      ports:\n        - containerPort: 8080\n      livenessProbe:\n        httpGet: {port: http, path: /healthz}'),
    { name: 'YAML 1.1 booleans are booleans', code: pod('      securityContext:\n        privileged: no\n        readOnlyRootFilesystem: yes') },
    { name: 'null is unset', code: pod('      securityContext:\n        runAsUser:\n        privileged: ~') },
    { name: 'int-or-string takes both', code: deployment('      terminationGracePeriodSeconds: 30') },
    {
      name: 'timestamps and base-60 numbers stay strings, as go-yaml reads them',
      code: pod('      env:\n        - name: SINCE\n          value: 2024-01-01\n        - name: AT\n          value: 12:30', '    release: 2024-01-01'),
    },
    { name: 'templated values are not judged', code: pod('      securityContext:\n        runAsUser: "{{ .Values.uid }}"') },
  ],
  invalid: [
    {
      name: 'a quoted integer',
      code: pod('      securityContext:\n        runAsUser: "1000"'),
      errors: [{ messageId: 'wrongType', line: 12, column: 20, endColumn: 26 }],
      output: pod('      securityContext:\n        runAsUser: 1000'),
    },
    {
      name: 'a quoted boolean',
      code: pod("      securityContext:\n        privileged: 'false'"),
      errors: [{ messageId: 'wrongType', line: 12, column: 21 }],
      output: pod('      securityContext:\n        privileged: false'),
    },
    {
      name: 'a number where a string is wanted keeps its text',
      code: pod('      env:\n        - name: VERSION\n          value: 1.10', '    version: 2'),
      errors: [
        { messageId: 'wrongType', line: 6, column: 14 },
        { messageId: 'wrongType', line: 13, column: 18 },
      ],
      output: pod('      env:\n        - name: VERSION\n          value: "1.10"', '    version: "2"'),
    },
    {
      name: 'a YAML 1.1 boolean where a string is wanted',
      code: pod('      env:\n        - name: DEBUG\n          value: yes'),
      errors: [{ messageId: 'wrongType', line: 13, column: 18 }],
      output: pod('      env:\n        - name: DEBUG\n          value: "yes"'),
    },
    {
      name: 'a malformed quantity: a suggestion, not a fix',
      code: pod('      resources:\n        limits:\n          memory: 512mb'),
      errors: [{ messageId: 'notQuantity', line: 13, column: 19 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'a mapping where a list is wanted, on its key',
      code: pod('      args:\n        verbose: true'),
      errors: [{ messageId: 'wrongType', line: 11, column: 7, endColumn: 11 }],
      output: null,
    },
    {
      name: 'an alias is judged where it stands, without a fix (its anchor is right where it is)',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: &l {a: b}\n  annotations:\n    port: &p 8080\ndata:\n  nested: *l\n  port: *p\n',
      errors: [
        { messageId: 'wrongType', line: 7, column: 14, endColumn: 18 },
        { messageId: 'wrongType', line: 9, column: 11, endColumn: 13 },
        { messageId: 'wrongType', line: 10, column: 9, endColumn: 11 },
      ],
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: &l {a: b}\n  annotations:\n    port: &p "8080"\ndata:\n  nested: *l\n  port: *p\n',
    },
    { name: 'a fraction where an integer is wanted', code: deployment('      terminationGracePeriodSeconds: 1.5'), errors: [{ messageId: 'wrongType', line: 14, column: 38 }], output: null },
    {
      name: 'an integer with a leading zero is not unquoted',
      code: pod('      securityContext:\n        runAsUser: "0100"'),
      errors: [{ messageId: 'wrongType', line: 12, column: 20 }],
      output: null,
    },
  ],
});
