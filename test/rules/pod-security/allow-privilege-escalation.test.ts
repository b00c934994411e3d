import { ruleTester } from '../../helpers/rule-tester';
import { invalidInEveryKind } from '../../helpers/workloads';

ruleTester('allow-privilege-escalation', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: false
`,
    {
      name: 'Windows pods are exempt from 1.25',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver
`,
    },
    {
      name: 'the check does not exist before 1.8',
      config: { kubernetesVersion: '1.7' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: old
spec:
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'baseline does not require it',
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
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: "{{ .Values.ape }}"
`,
    },
  ],
  invalid: [
    ...invalidInEveryKind('unset in a container, true in an init container', {
      podSpec: `
initContainers:
- name: init
  image: busybox
  securityContext: {allowPrivilegeEscalation: true}
containers:
- name: app
  image: nginx
`,
      errors: [
        { messageId: 'allowed', line: 4, column: 47, endColumn: 51 },
        { messageId: 'unset', line: 6, column: 9, endColumn: 12 },
      ],
      output: `
initContainers:
- name: init
  image: busybox
  securityContext: {allowPrivilegeEscalation: false}
containers:
- name: app
  image: nginx
  securityContext:
    allowPrivilegeEscalation: false
`,
    }),
    {
      name: 'explicit true on a Pod, value replaced in place',
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
      allowPrivilegeEscalation: true # legacy
`,
      errors: [{ messageId: 'allowed', line: 11, column: 33, endColumn: 37 }],
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
      allowPrivilegeEscalation: false # legacy
`,
    },
    {
      name: 'missing on a Deployment: reported on the container name, securityContext created',
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
          ports:
            - containerPort: 8080
`,
      errors: [{ messageId: 'unset', line: 10, column: 17, endColumn: 20 }],
      output: `
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
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
`,
    },
    {
      name: 'CronJob init container with a flow securityContext',
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
            securityContext: {runAsUser: 1000}
          containers:
          - name: job
            image: busybox
            securityContext:
              allowPrivilegeEscalation: false
`,
      errors: [{ messageId: 'unset', line: 16, column: 13 }],
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
            securityContext: {runAsUser: 1000, allowPrivilegeEscalation: false}
          containers:
          - name: job
            image: busybox
            securityContext:
              allowPrivilegeEscalation: false
`,
    },
    {
      name: 'multi-document file: only the insecure document changes',
      code: `# services first
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers:
      - name: db
        image: postgres:16
        securityContext:
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
`,
      errors: [{ messageId: 'unset', line: 21, column: 9 }],
      output: `# services first
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers:
      - name: db
        image: postgres:16
        securityContext:
          allowPrivilegeEscalation: false
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
`,
    },
    {
      name: 'privileged: true: the API rejects allowPrivilegeEscalation: false beside it, so no safe fix (privileged-container goes first)',
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
      privileged: true
      allowPrivilegeEscalation: true
  - name: side
    image: nginx
    securityContext:
      privileged: true
`,
      errors: [
        { messageId: 'allowed', line: 12, column: 33 },
        { messageId: 'unset', line: 15, column: 5 },
      ],
      output: null,
    },
    {
      name: 'capabilities.add CAP_SYS_ADMIN: the API rejects allowPrivilegeEscalation: false beside it; SYS_ADMIN alone it accepts',
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
      capabilities:
        add: [CAP_SYS_ADMIN]
  - name: side
    image: nginx
    securityContext:
      capabilities:
        add: [SYS_ADMIN]
`,
      errors: [
        { messageId: 'unset', line: 10, column: 5 },
        { messageId: 'unset', line: 15, column: 5 },
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
      capabilities:
        add: [CAP_SYS_ADMIN]
  - name: side
    image: nginx
    securityContext:
      capabilities:
        add: [SYS_ADMIN]
      allowPrivilegeEscalation: false
`,
    },
  ],
});
