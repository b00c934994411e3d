// Rule table for proc-mount (baseline `procMount`): Unmasked is forbidden, except from 1.35 in a pod
// with hostUsers: false; at restricted from 1.35 restricted-proc-mount replaces it.
import { ruleTester } from '../../helpers/rule-tester';

const baseline = { podSecurityLevel: 'baseline' } as const;

ruleTester('proc-mount', {
  valid: [
    {
      name: 'Default and unset',
      config: baseline,
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
      procMount: Default
  - name: side
    image: busybox
`,
    },
    {
      name: 'hostUsers: false relaxes it from 1.35',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.35' },
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: builder
spec:
  template:
    spec:
      hostUsers: false
      containers:
      - name: buildkit
        image: moby/buildkit
        securityContext:
          procMount: Unmasked
`,
    },
    {
      name: 'restricted from 1.35: restricted-proc-mount reports it instead',
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
      name: 'a template expression is unknown; null is unset',
      config: baseline,
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
      procMount: "{{ .Values.procMount }}"
  - name: side
    image: busybox
    securityContext:
      procMount: null
`,
    },
    {
      name: 'a pod-level procMount does not exist',
      config: baseline,
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    procMount: Unmasked
  containers:
  - name: app
    image: nginx
`,
    },
  ],
  invalid: [
    {
      name: 'hostUsers: false does not relax it at 1.34',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.34' },
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
      runAsUser: 1000
      procMount: Unmasked # for nested containers
`,
      errors: [{ messageId: 'unmasked', line: 13, column: 18, endColumn: 26 }],
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
      runAsUser: 1000
      # for nested containers
`,
    },
    {
      name: 'restricted 1.34 still runs the baseline check, even with hostUsers: false',
      config: { kubernetesVersion: '1.34' },
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      hostUsers: false
      initContainers:
        - name: init
          image: busybox
          securityContext:
            procMount: Unmasked
      containers:
        - name: api
          image: api:1.0
`,
      errors: [{ messageId: 'unmasked', line: 14, column: 24, endColumn: 32 }],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      hostUsers: false
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: api
          image: api:1.0
`,
    },
    {
      name: 'CronJob at 1.35 with hostUsers: true; flow securityContext',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.35' },
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
          hostUsers: true
          restartPolicy: OnFailure
          containers:
          - name: job
            image: busybox
            securityContext: {procMount: "Unmasked", runAsUser: 1000}
`,
      errors: [{ messageId: 'unmasked', line: 17, column: 42, endColumn: 52 }],
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
          hostUsers: true
          restartPolicy: OnFailure
          containers:
          - name: job
            image: busybox
            securityContext: {runAsUser: 1000}
`,
    },
    {
      name: 'ephemeral container in a multi-document file; the relaxed pod is untouched',
      config: baseline,
      code: `apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext:
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
      procMount: unmasked
`,
      errors: [{ messageId: 'unmasked', line: 25, column: 18, endColumn: 26 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext:
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
`,
    },
  ],
});
