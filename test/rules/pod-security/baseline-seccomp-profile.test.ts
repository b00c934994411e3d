// Rule table for baseline-seccomp-profile (baseline `seccompProfile_baseline`): annotations only up
// to 1.18 (empty fails, only existing container names count), fields only from 1.19; replaced at
// restricted by restricted-seccomp-profile from 1.19.
import { ruleTester } from '../../helpers/rule-tester';

const baseline = { podSecurityLevel: 'baseline' } as const;

ruleTester('baseline-seccomp-profile', {
  valid: [
    {
      name: 'fields: RuntimeDefault and Localhost; unset is fine at baseline',
      config: baseline,
      code: `
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
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}
`,
    },
    {
      name: 'from 1.19 the annotations are no longer checked',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.19' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'up to 1.18 the fields are not checked; allowed annotation values',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.18' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
    container.seccomp.security.alpha.kubernetes.io/app: docker/default
    container.seccomp.security.alpha.kubernetes.io/init: localhost/profiles/init.json
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'up to 1.18 an annotation for a container that does not exist is ignored',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.18' },
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      annotations:
        container.seccomp.security.alpha.kubernetes.io/ghost: unconfined
    spec:
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'restricted from 1.19: restricted-seccomp-profile reports it instead',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'a template expression is unknown, not a finding',
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
      seccompProfile:
        type: "{{ .Values.seccomp }}"
`,
    },
  ],
  invalid: [
    {
      name: 'pod field Unconfined on a Pod',
      config: baseline,
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 1000
    seccompProfile:
      type: Unconfined # strace
  containers:
  - name: app
    image: nginx
`,
      errors: [{ messageId: 'field', line: 10, column: 13, endColumn: 23 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 1000
    seccompProfile:
      type: RuntimeDefault # strace
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'restricted 1.18 runs the annotation check; empty value fails, quoting kept',
      config: { kubernetesVersion: '1.18' },
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: ""
        container.seccomp.security.alpha.kubernetes.io/init: 'unconfined'
    spec:
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: api
        image: api:1.0
`,
      errors: [
        { messageId: 'annotation', line: 10, column: 51, endColumn: 53 },
        { messageId: 'annotation', line: 11, column: 62, endColumn: 74 },
      ],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: "runtime/default"
        container.seccomp.security.alpha.kubernetes.io/init: 'runtime/default'
    spec:
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'CronJob init container with an empty flow profile: type added',
      config: baseline,
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
          initContainers:
          - name: init
            image: busybox
            securityContext:
              seccompProfile: {}
          containers:
          - name: job
            image: busybox
`,
      errors: [{ messageId: 'field', line: 17, column: 15, endColumn: 29 }],
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
          initContainers:
          - name: init
            image: busybox
            securityContext:
              seccompProfile: {type: RuntimeDefault}
          containers:
          - name: job
            image: busybox
`,
    },
    {
      name: 'ephemeral container in a multi-document file, CRLF',
      config: baseline,
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
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
  - name: strace
    image: strace
    securityContext:
      seccompProfile:
        type: "Unconfined"
`.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'field', line: 23, column: 15, endColumn: 27 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
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
  - name: strace
    image: strace
    securityContext:
      seccompProfile:
        type: "RuntimeDefault"
`.replace(/\n/g, '\r\n'),
    },
    {
      // No safe fix is offered for a key with no value; replacing the null with runtime/default
      // would be a natural one (a gap, not a wrong result).
      name: 'up to 1.18 an annotation key with no value is an empty profile',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.18' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.seccomp.security.alpha.kubernetes.io/app:
spec:
  containers:
  - name: app
    image: nginx
`,
      errors: [{ messageId: 'annotation', line: 7, column: 5, endColumn: 55 }],
      output: null,
    },
    {
      // BUG: the fix adds `type: RuntimeDefault` beside `localhostProfile`, which the API server rejects
      // ("localhostProfile can only be set when seccomp type is Localhost"). The fix should set
      // `type: Localhost` when a localhostProfile is given (or drop localhostProfile).
      name: 'a profile with localhostProfile but no type becomes Localhost',
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
      seccompProfile:
        localhostProfile: profiles/app.json
`,
      errors: [{ messageId: 'field', line: 11, column: 7, endColumn: 21 }],
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
      seccompProfile:
        localhostProfile: profiles/app.json
        type: Localhost
`,
    },
  ],
});
