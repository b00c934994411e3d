// Rule table for restricted-seccomp-profile (restricted `seccompProfile_restricted`, from 1.19):
// every container needs RuntimeDefault or Localhost, its own or the pod's; Windows pods exempt from
// 1.25. Safe fixes set the pod-level profile once, or replace an invalid type.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('restricted-seccomp-profile', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: app
    image: nginx
`,
    {
      name: 'pod unset and every container sets a valid type',
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
        securityContext:
          seccompProfile: {type: Localhost, localhostProfile: profiles/init.json}
      containers:
      - name: api
        image: api:1.0
        securityContext:
          seccompProfile:
            type: RuntimeDefault
`,
    },
    {
      name: 'Windows pods are exempt from 1.25',
      config: { kubernetesVersion: '1.25' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  containers:
  - name: app
    image: nanoserver
`,
    },
    {
      name: 'absent before 1.19',
      config: { kubernetesVersion: '1.18' },
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
    seccompProfile:
      type: "{{ .Values.seccompType }}"
  containers:
  - name: app
    image: nginx
`,
    },
  ],
  invalid: [
    {
      name: 'a container with a securityContext: the finding stands on that key; one without, on its name',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    securityContext: {runAsNonRoot: true}
  - name: side
    image: nginx
`,
      errors: [
        { messageId: 'unset', line: 10, column: 5, endColumn: 20 },
        { messageId: 'unset', line: 11, column: 11, endColumn: 15 },
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
    securityContext: {runAsNonRoot: true}
  - name: side
    image: nginx
  securityContext:
    seccompProfile:
      type: RuntimeDefault
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
  securityContext:
    runAsNonRoot: true
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: app
    image: nginx
`,
      errors: [
        { messageId: 'unset', line: 10, column: 11, endColumn: 15 },
        { messageId: 'unset', line: 13, column: 11, endColumn: 14 },
      ],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'Windows pods are not exempt at 1.24; pod Unconfined reported once',
      config: { kubernetesVersion: '1.24' },
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: iis
spec:
  template:
    spec:
      os:
        name: windows
      securityContext:
        seccompProfile:
          type: Unconfined
      containers:
        - name: iis
          image: iis
`,
      errors: [{ messageId: 'invalid', line: 13, column: 17, endColumn: 27 }],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: iis
spec:
  template:
    spec:
      os:
        name: windows
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: iis
          image: iis
`,
    },
    {
      name: 'CronJob: only the container set, the init container unset; flow pod spec fix',
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
          securityContext: {runAsNonRoot: true}
          initContainers:
          - name: init
            image: busybox
          containers:
          - name: job
            image: busybox
            securityContext: {seccompProfile: {type: RuntimeDefault}}
`,
      errors: [{ messageId: 'unset', line: 15, column: 19, endColumn: 23 }],
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
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          initContainers:
          - name: init
            image: busybox
          containers:
          - name: job
            image: busybox
            securityContext: {seccompProfile: {type: RuntimeDefault}}
`,
    },
    {
      name: 'pod valid but an ephemeral container Unconfined, in a multi-document file',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: app.json
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: strace
    image: strace
    securityContext:
      seccompProfile:
        type: 'Unconfined' # strace needs ptrace
`,
      errors: [{ messageId: 'invalid', line: 30, column: 15, endColumn: 27 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: app.json
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: strace
    image: strace
    securityContext:
      seccompProfile:
        type: 'RuntimeDefault' # strace needs ptrace
`,
    },
    {
      name: 'a pod profile key with no value, and a lower-case type (case-sensitive); CRLF',
      code: `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      securityContext:
        seccompProfile:
      containers:
      - name: db
        image: postgres:16
      - name: exporter
        image: exporter
        securityContext:
          seccompProfile:
            type: runtimedefault
`.replace(/\n/g, '\r\n'),
      errors: [
        { messageId: 'unset', line: 13, column: 15, endColumn: 17 },
        { messageId: 'invalid', line: 19, column: 19, endColumn: 33 },
      ],
      output: `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: db
        image: postgres:16
      - name: exporter
        image: exporter
        securityContext:
          seccompProfile:
            type: RuntimeDefault
`.replace(/\n/g, '\r\n'),
    },
  ],
});
