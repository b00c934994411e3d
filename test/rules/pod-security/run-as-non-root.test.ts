// Rule table for run-as-non-root (restricted `runAsNonRoot`): pod false, container false, and
// containers left unset without a pod-level true; hostUsers: false exempts from 1.35 only; no
// Windows exemption. Fixes flip false to true or set the pod-level field once.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('run-as-non-root', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: app
    image: nginx
`,
    {
      name: 'pod unset and every container (init, regular, ephemeral) true',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox
        securityContext: {runAsNonRoot: true}
      containers:
      - name: api
        image: api:1.0
        securityContext:
          runAsNonRoot: true
      ephemeralContainers:
      - name: dbg
        image: busybox
        securityContext:
          runAsNonRoot: true
`,
    },
    {
      name: 'hostUsers: false exempts the pod from 1.35',
      config: { kubernetesVersion: '1.35' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  securityContext:
    runAsNonRoot: false
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'not part of baseline',
      config: { podSecurityLevel: 'baseline' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
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
  securityContext:
    runAsNonRoot: "{{ .Values.runAsNonRoot }}"
  containers:
  - name: app
    image: nginx
`,
    },
  ],
  invalid: [
    {
      name: 'a container with a securityContext: the finding stands on that key, where runAsNonRoot would go',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 1000
`,
      errors: [{ messageId: 'unset', line: 10, column: 5, endColumn: 20 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 1000
  securityContext:
    runAsNonRoot: true
`,
    },
    {
      name: 'pod and containers unset: one finding per container, one pod-level fix',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: app
    image: nginx
`,
      errors: [
        { messageId: 'unset', line: 8, column: 11, endColumn: 15 },
        { messageId: 'unset', line: 11, column: 11, endColumn: 14 },
      ],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: app
    image: nginx
  securityContext:
    runAsNonRoot: true
`,
    },
    {
      name: 'pod true but a container false; a non-zero runAsUser does not help',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: api:1.0
          securityContext:
            runAsUser: 1000
            runAsNonRoot: false # legacy image
`,
      errors: [{ messageId: 'containerFalse', line: 16, column: 27, endColumn: 32 }],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: api:1.0
          securityContext:
            runAsUser: 1000
            runAsNonRoot: true # legacy image
`,
    },
    {
      name: 'CronJob: pod false fails even when every container sets true (flow map)',
      code: `
apiVersion: batch/v1
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
          securityContext: {runAsNonRoot: false, runAsUser: 1000}
          containers:
          - name: job
            image: busybox
            securityContext: {runAsNonRoot: true}
`,
      errors: [{ messageId: 'podFalse', line: 13, column: 43, endColumn: 48 }],
      output: `
apiVersion: batch/v1
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
          securityContext: {runAsNonRoot: true, runAsUser: 1000}
          containers:
          - name: job
            image: busybox
            securityContext: {runAsNonRoot: true}
`,
    },
    {
      name: 'hostUsers: false gives no exemption at 1.34; Windows pods are not exempt',
      config: { kubernetesVersion: '1.34' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  os:
    name: windows
  hostUsers: false
  securityContext:
  containers:
  - name: app
    image: nginx
`,
      errors: [{ messageId: 'unset', line: 12, column: 11, endColumn: 14 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  os:
    name: windows
  hostUsers: false
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'ephemeral container false in a multi-document file, CRLF',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: root-shell
    image: busybox
    securityContext:
      runAsNonRoot: False
`.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'containerFalse', line: 26, column: 21, endColumn: 26 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: root-shell
    image: busybox
    securityContext:
      runAsNonRoot: true
`.replace(/\n/g, '\r\n'),
    },
    {
      name: 'hostUsers: true gives no exemption at 1.37 (4-space ReplicationController)',
      code: `
apiVersion: v1
kind: ReplicationController
metadata:
    name: rc
spec:
    template:
        spec:
            hostUsers: true
            containers:
                -   name: app
                    image: nginx
`,
      errors: [{ messageId: 'unset', line: 11, column: 27, endColumn: 30 }],
      output: `
apiVersion: v1
kind: ReplicationController
metadata:
    name: rc
spec:
    template:
        spec:
            hostUsers: true
            containers:
                -   name: app
                    image: nginx
            securityContext:
                runAsNonRoot: true
`,
    },
    {
      name: 'pod false with a container unset: only the pod is reported',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: false
  containers:
  - name: app
    image: nginx
`,
      errors: [{ messageId: 'podFalse', line: 8, column: 19, endColumn: 24 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
`,
    },
    {
      // BUG: a template expression at pod level makes the rule return early, so an explicit
      // container-level false (which fails whatever the pod says) is missed.
      name: 'a templated pod value does not hide a container that sets false',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: "{{ .Values.runAsNonRoot }}"
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsNonRoot: false
`,
      errors: [{ messageId: 'containerFalse', line: 13, column: 21, endColumn: 26 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: "{{ .Values.runAsNonRoot }}"
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsNonRoot: true
`,
    },
    {
      name: 'runAsUser: 0 for the pod: the kubelet would refuse runAsNonRoot: true, so no safe fix (run-as-user removes the 0 first)',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 0
  containers:
  - name: app
    image: nginx
`,
      errors: [{ messageId: 'unset', line: 10, column: 11 }],
      output: null,
    },
    {
      name: 'a container that runs as 0 and sets runAsNonRoot: false: no safe fix for it, the other container still fixed',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 0
      runAsNonRoot: false
  - name: side
    image: nginx
    securityContext:
      runAsNonRoot: false
`,
      errors: [
        { messageId: 'containerFalse', line: 12, column: 21 },
        { messageId: 'containerFalse', line: 16, column: 21 },
      ],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 0
      runAsNonRoot: false
  - name: side
    image: nginx
    securityContext:
      runAsNonRoot: true
`,
    },
  ],
});
