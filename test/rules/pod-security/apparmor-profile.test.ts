// Rule table for apparmor-profile (baseline `appArmorProfile`): the legacy annotation (any key with
// the prefix; "", runtime/default and localhost/* allowed) and the appArmorProfile field on the pod
// and every container, with safe fixes that keep the quoting style.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apparmor-profile', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
    container.apparmor.security.beta.kubernetes.io/side: localhost/k8s-nginx
    container.apparmor.security.beta.kubernetes.io/empty: ""
spec:
  containers:
  - name: app
    image: nginx
`,
    {
      name: 'fields: RuntimeDefault on the pod, Localhost on a container',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
      containers:
      - name: api
        image: api:1.0
        securityContext:
          appArmorProfile: {type: Localhost, localhostProfile: k8s-api}
`,
    },
    {
      name: 'annotations on the Deployment itself are not the pod template annotations',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    container.apparmor.security.beta.kubernetes.io/api: unconfined
spec:
  template:
    spec:
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'a null appArmorProfile is unset; a template expression is unknown',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: "{{ .Values.apparmor }}"
spec:
  securityContext:
    appArmorProfile:
  containers:
  - name: app
    image: nginx
    securityContext:
      appArmorProfile:
        type: "{{ .Values.apparmorType }}"
`,
    },
    {
      name: 'other annotation prefixes are ignored',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    apparmor.security.beta.kubernetes.io/app: unconfined
    container.seccomp.security.alpha.kubernetes.io/app: unconfined
spec:
  containers:
  - name: app
    image: nginx
`,
    },
  ],
  invalid: [
    {
      name: 'Pod annotation, any suffix, case-sensitive; quoting kept',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.0' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined # debugging
    container.apparmor.security.beta.kubernetes.io/ghost: 'Runtime/Default'
spec:
  containers:
  - name: app
    image: nginx
`,
      errors: [
        { messageId: 'annotation', line: 7, column: 57, endColumn: 67 },
        { messageId: 'annotation', line: 8, column: 59, endColumn: 76 },
      ],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default # debugging
    container.apparmor.security.beta.kubernetes.io/ghost: 'runtime/default'
spec:
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'Deployment template annotation (double-quoted) and pod field Unconfined',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/init: "unconfined"
    spec:
      securityContext:
        appArmorProfile:
          type: Unconfined
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: api
        image: api:1.0
`,
      errors: [
        { messageId: 'annotation', line: 10, column: 62, endColumn: 74 },
        { messageId: 'field', line: 14, column: 17, endColumn: 27 },
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
        container.apparmor.security.beta.kubernetes.io/init: "runtime/default"
    spec:
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'CronJob container with an empty flow profile: reported on the key, type added',
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
            securityContext:
              appArmorProfile: {}
`,
      errors: [{ messageId: 'field', line: 17, column: 15, endColumn: 30 }],
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
            securityContext:
              appArmorProfile: {type: RuntimeDefault}
`,
    },
    {
      name: 'ephemeral container field in a multi-document file; the other Pod untouched',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ok
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: localhost/custom
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
  - name: shell
    image: busybox
    securityContext:
      appArmorProfile:
        type: unconfined
`,
      errors: [{ messageId: 'field', line: 25, column: 15, endColumn: 25 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: ok
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: localhost/custom
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
  - name: shell
    image: busybox
    securityContext:
      appArmorProfile:
        type: RuntimeDefault
`,
    },
    {
      // BUG: the fix adds `type: RuntimeDefault` beside `localhostProfile`, which the API server rejects
      // ("localhostProfile can only be set if the type is Localhost"). Given a localhostProfile, the
      // intent is clear: the fix should set `type: Localhost` (or drop localhostProfile).
      name: 'a profile with localhostProfile but no type becomes Localhost',
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
      appArmorProfile:
        localhostProfile: k8s-nginx
`,
      errors: [{ messageId: 'field', line: 11, column: 7, endColumn: 22 }],
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
      appArmorProfile:
        localhostProfile: k8s-nginx
        type: Localhost
`,
    },
  ],
});
