// Rule table for host-namespaces (baseline `hostNamespaces`): hostNetwork, hostPID and hostIPC on
// every workload kind. Removing them can break an app, so there is no safe fix, only a suggestion.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('host-namespaces', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: false
  hostPID: false
  hostIPC: false
  containers:
  - name: app
    image: nginx
`,
    {
      name: 'unset on a Deployment',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'a template expression is unknown, not a finding',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: "{{ .Values.hostNetwork }}"
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'hostNetwork outside the pod spec is not the field',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  hostNetwork: true
  template:
    spec:
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'an unknown kind is not a workload',
      code: `
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  hostNetwork: true
`,
    },
    {
      name: 'null means unset',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostPID: null
  hostIPC: ~
  containers:
  - name: app
    image: nginx
`,
    },
  ],
  invalid: [
    {
      name: 'all three on a Pod: one finding each, on the value, suggestion only',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  hostPID: true # debugging
  hostIPC: true
  containers:
  - name: app
    image: nginx
`,
      errors: [
        { messageId: 'shared', line: 7, column: 16, endColumn: 20 },
        { messageId: 'shared', line: 8, column: 12, endColumn: 16 },
        { messageId: 'shared', line: 9, column: 12, endColumn: 16 },
      ],
      output: null,
      suggestions: true,
    },
    {
      name: 'StatefulSet at baseline',
      config: { podSecurityLevel: 'baseline' },
      code: `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      hostIPC: true
      containers:
      - name: db
        image: postgres:16
`,
      errors: [{ messageId: 'shared', line: 10, column: 16, endColumn: 20 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'CronJob with a flow pod spec',
      code: `
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec: {hostNetwork: true, restartPolicy: Never, containers: [{name: job, image: busybox}]}
`,
      errors: [{ messageId: 'shared', line: 11, column: 29, endColumn: 33 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'multi-document file: only the Job is reported',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: tools
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: tools
spec:
  template:
    spec:
      hostPID: true
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:1
`,
      errors: [{ messageId: 'shared', line: 14, column: 16, endColumn: 20 }],
      output: null,
      suggestions: true,
    },
  ],
});
