// Rule table for restricted-proc-mount (restricted `procMount_restricted`, from 1.35): Unmasked is
// forbidden even with hostUsers: false; the safe fix removes procMount.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('restricted-proc-mount', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext:
      procMount: Default
`,
    {
      name: 'absent before 1.35 (proc-mount reports it there)',
      config: { kubernetesVersion: '1.34' },
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
      procMount: Unmasked
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
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext:
      procMount: Unmasked
`,
    },
    {
      name: 'a template expression is unknown, not a finding',
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
        securityContext:
          procMount: "{{ .Values.procMount }}"
`,
    },
  ],
  invalid: [
    {
      name: 'hostUsers: false does NOT relax the restricted check',
      config: { kubernetesVersion: '1.35' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext:
      procMount: Unmasked
      allowPrivilegeEscalation: false
`,
      errors: [{ messageId: 'unmasked', line: 12, column: 18, endColumn: 26 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: false
`,
    },
    {
      name: 'DaemonSet init container with indented sequences',
      code: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox
          securityContext:
            procMount: Unmasked
      containers:
        - name: agent
          image: agent:2
`,
      errors: [{ messageId: 'unmasked', line: 13, column: 24, endColumn: 32 }],
      output: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: agent
          image: agent:2
`,
    },
    {
      name: 'CronJob with a flow securityContext and a quoted value',
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
          containers:
          - name: job
            image: busybox
            securityContext: {runAsNonRoot: true, procMount: 'Unmasked'}
`,
      errors: [{ messageId: 'unmasked', line: 16, column: 62, endColumn: 72 }],
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
          containers:
          - name: job
            image: busybox
            securityContext: {runAsNonRoot: true}
`,
    },
    {
      name: 'ephemeral container in a multi-document file; a comment line above the entry is kept',
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  procMount: Unmasked
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: shell
    image: busybox
    securityContext:
      # needed by the debugger
      procMount: Unmasked
      runAsUser: 1000
`,
      errors: [{ messageId: 'unmasked', line: 21, column: 18, endColumn: 26 }],
      output: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  procMount: Unmasked
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: shell
    image: busybox
    securityContext:
      # needed by the debugger
      runAsUser: 1000
`,
    },
  ],
});
