// Rule table for selinux-options (baseline `seLinuxOptions`): type, user and role on the pod and on
// every container, container_engine_t from 1.31, and the safe fix that removes the offending field.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('selinux-options', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions:
      type: container_t
      level: "s0:c123,c456"
  initContainers:
  - name: init
    image: busybox
    securityContext:
      seLinuxOptions: {type: container_init_t}
  containers:
  - name: app
    image: nginx
    securityContext:
      seLinuxOptions:
        type: container_kvm_t
        user: ""
        role: ''
`,
    {
      name: 'an empty seLinuxOptions and an empty type',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions: {}
      containers:
      - name: api
        image: api:1.0
        securityContext:
          seLinuxOptions:
            type: ""
            level: anything
`,
    },
    {
      name: 'container_engine_t is allowed from 1.31',
      config: { kubernetesVersion: '1.31' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: buildkit
spec:
  containers:
  - name: buildkit
    image: moby/buildkit
    securityContext:
      seLinuxOptions:
        type: container_engine_t
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
    seLinuxOptions:
      type: "{{ .Values.selinuxType }}"
      user: "{{ .Values.selinuxUser }}"
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'null values are unset',
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
      seLinuxOptions:
        user: null
        role:
`,
    },
  ],
  invalid: [
    {
      name: 'container_engine_t is not allowed at 1.30; the emptied parents are removed',
      config: { kubernetesVersion: '1.30', podSecurityLevel: 'baseline' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: buildkit
spec:
  containers:
  - name: buildkit
    image: moby/buildkit
    securityContext:
      runAsUser: 1000
      seLinuxOptions:
        type: container_engine_t
`,
      errors: [{ messageId: 'type', line: 13, column: 15, endColumn: 33 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: buildkit
spec:
  containers:
  - name: buildkit
    image: moby/buildkit
    securityContext:
      runAsUser: 1000
`,
    },
    {
      name: 'pod-level user and role on a Deployment; level kept',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions:
          user: system_u # custom user
          role: sysadm_r
          level: s0
      containers:
        - name: api
          image: api:1.0
`,
      errors: [
        { messageId: 'user', line: 11, column: 17, endColumn: 25 },
        { messageId: 'role', line: 12, column: 17, endColumn: 25 },
      ],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions:
          # custom user
          level: s0
      containers:
        - name: api
          image: api:1.0
`,
    },
    {
      name: 'CronJob init container with a flow map; type matching is case-sensitive',
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
            securityContext: {seLinuxOptions: {type: Container_T, level: s0}}
          containers:
          - name: job
            image: busybox
`,
      errors: [{ messageId: 'type', line: 16, column: 54, endColumn: 65 }],
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
            securityContext: {seLinuxOptions: {level: s0}}
          containers:
          - name: job
            image: busybox
`,
    },
    {
      name: 'pod and ephemeral container in a multi-document file',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: shell
    image: busybox
    securityContext:
      seLinuxOptions:
        type: 'unconfined_t'
---
apiVersion: v1
kind: Pod
metadata:
  name: fine
spec:
  securityContext:
    seLinuxOptions:
      type: container_t
  containers:
  - name: app
    image: nginx
`,
      errors: [
        { messageId: 'type', line: 8, column: 13, endColumn: 18 },
        { messageId: 'type', line: 17, column: 15, endColumn: 29 },
      ],
      output: `apiVersion: v1
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
---
apiVersion: v1
kind: Pod
metadata:
  name: fine
spec:
  securityContext:
    seLinuxOptions:
      type: container_t
  containers:
  - name: app
    image: nginx
`,
    },
    {
      name: 'StatefulSet with 4-space indentation and CRLF',
      code: `
apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    template:
        spec:
            containers:
                -   name: db
                    image: postgres:16
                    securityContext:
                        seLinuxOptions:
                            role: object_r
                            type: container_t
`.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'role', line: 15, column: 35, endColumn: 43 }],
      output: `
apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    template:
        spec:
            containers:
                -   name: db
                    image: postgres:16
                    securityContext:
                        seLinuxOptions:
                            type: container_t
`.replace(/\n/g, '\r\n'),
    },
  ],
});
