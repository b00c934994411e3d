// Rule table for run-as-user (restricted `runAsUser`, from 1.23): runAsUser 0 on the pod or any
// container, unset allowed; hostUsers: false exempts from 1.35 only; the safe fix removes the entry.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('run-as-user', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 65534
`,
    {
      name: 'unset is allowed',
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
      name: 'absent before 1.23',
      config: { kubernetesVersion: '1.22' },
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
    },
    {
      name: 'hostUsers: false exempts from 1.35',
      config: { kubernetesVersion: '1.35' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  securityContext:
    runAsUser: 0
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
    securityContext:
      runAsUser: 0
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
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: "{{ .Values.uid }}"
`,
    },
  ],
  invalid: [
    {
      name: 'pod level 0 fails even when the container overrides it',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 0 # root
    fsGroup: 2000
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 1000
`,
      errors: [{ messageId: 'root', line: 8, column: 16, endColumn: 17 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    # root
    fsGroup: 2000
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 1000
`,
    },
    {
      name: 'at 1.23 exactly; Deployment init container; the emptied securityContext goes',
      config: { kubernetesVersion: '1.23' },
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
        - name: chown
          image: busybox
          securityContext:
            runAsUser: 0
          command: [chown, -R, "1000", /data]
      containers:
        - name: api
          image: api:1.0
`,
      errors: [{ messageId: 'root', line: 13, column: 24, endColumn: 25 }],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
        - name: chown
          image: busybox
          command: [chown, -R, "1000", /data]
      containers:
        - name: api
          image: api:1.0
`,
    },
    {
      name: 'CronJob with flow securityContexts at pod and container level',
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
          securityContext: {runAsUser: 0, runAsGroup: 0}
          containers:
          - name: job
            image: busybox
            securityContext: {runAsUser: 0}
`,
      errors: [
        { messageId: 'root', line: 13, column: 40, endColumn: 41 },
        { messageId: 'root', line: 17, column: 42, endColumn: 43 },
      ],
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
          securityContext: {runAsGroup: 0}
          containers:
          - name: job
            image: busybox
`,
    },
    {
      name: 'hostUsers: false gives no exemption at 1.34; ephemeral container in a multi-document file',
      config: { kubernetesVersion: '1.34' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 1000
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: shell
    image: busybox
    securityContext:
      runAsNonRoot: false
      runAsUser: 0
`,
      errors: [{ messageId: 'root', line: 26, column: 18, endColumn: 19 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      runAsUser: 1000
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: shell
    image: busybox
    securityContext:
      runAsNonRoot: false
`,
    },
    {
      name: 'Job with 4-space indentation and CRLF',
      code: `
apiVersion: batch/v1
kind: Job
metadata:
    name: migrate
spec:
    template:
        spec:
            restartPolicy: Never
            containers:
                -   name: migrate
                    image: migrate:1
                    securityContext:
                        runAsUser: 0
                        readOnlyRootFilesystem: true
`.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'root', line: 14, column: 36, endColumn: 37 }],
      output: `
apiVersion: batch/v1
kind: Job
metadata:
    name: migrate
spec:
    template:
        spec:
            restartPolicy: Never
            containers:
                -   name: migrate
                    image: migrate:1
                    securityContext:
                        readOnlyRootFilesystem: true
`.replace(/\n/g, '\r\n'),
    },
  ],
});
