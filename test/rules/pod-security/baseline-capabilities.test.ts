// Rule table for baseline-capabilities (baseline `capabilities_baseline`): exact, case-sensitive
// matching of capabilities.add, the override by restricted-capabilities from 1.22, and the safe fix
// that removes only the offending items.
import { ruleTester } from '../../helpers/rule-tester';

const baseline = { podSecurityLevel: 'baseline' } as const;

ruleTester('baseline-capabilities', {
  valid: [
    {
      name: 'all 13 default capabilities',
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
      capabilities:
        add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]
`,
    },
    {
      name: 'drop is ignored; an empty add passes',
      config: baseline,
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
          capabilities:
            add: []
            drop: [SYS_ADMIN, NET_RAW]
`,
    },
    {
      name: 'restricted from 1.22: restricted-capabilities replaces this check',
      config: { kubernetesVersion: '1.22' },
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
        add: [NET_RAW]
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
      capabilities:
        add:
        - "{{ .Values.extraCap }}"
        - CHOWN
`,
    },
    {
      name: 'pod-level capabilities do not exist',
      config: baseline,
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    capabilities:
      add: [SYS_ADMIN]
  containers:
  - name: app
    image: nginx
`,
    },
  ],
  invalid: [
    {
      name: 'Pod at baseline: only the offending items are removed, case-sensitively',
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
      capabilities:
        add:
        - chown        # lower case is not CHOWN
        - CHOWN
        - CAP_CHOWN
        drop: [ALL]
`,
      errors: [
        { messageId: 'added', line: 13, column: 11, endColumn: 16 },
        { messageId: 'added', line: 15, column: 11, endColumn: 20 },
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
        add:
        # lower case is not CHOWN
        - CHOWN
        drop: [ALL]
`,
    },
    {
      name: 'restricted 1.21 still runs the baseline check; flow sequence with quotes',
      config: { kubernetesVersion: '1.21' },
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
        - name: db
          image: postgres:16
          securityContext:
            capabilities: {add: ['NET_RAW', "SETUID", SYS_ADMIN]}
`,
      errors: [
        { messageId: 'added', line: 14, column: 34, endColumn: 43 },
        { messageId: 'added', line: 14, column: 55, endColumn: 64 },
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
      containers:
        - name: db
          image: postgres:16
          securityContext:
            capabilities: {add: ["SETUID"]}
`,
    },
    {
      name: 'CronJob init container: a list of only bad items is removed with its empty parents',
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
          - name: net
            image: busybox
            securityContext:
              runAsUser: 1000
              capabilities:
                add:
                  - NET_ADMIN
          containers:
          - name: job
            image: busybox
`,
      errors: [{ messageId: 'added', line: 20, column: 21, endColumn: 30 }],
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
          - name: net
            image: busybox
            securityContext:
              runAsUser: 1000
          containers:
          - name: job
            image: busybox
`,
    },
    {
      name: 'ephemeral container in a multi-document file',
      config: baseline,
      code: `apiVersion: v1
kind: Pod
metadata:
  name: clean
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
  - name: gdb
    image: gdb
    securityContext:
      capabilities:
        add: [SYS_PTRACE]
        drop: [NET_RAW]
`,
      errors: [{ messageId: 'added', line: 23, column: 15, endColumn: 25 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: clean
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
  - name: gdb
    image: gdb
    securityContext:
      capabilities:
        drop: [NET_RAW]
`,
    },
    {
      name: 'Job at 1.0 with 4-space indentation',
      config: { podSecurityLevel: 'restricted', kubernetesVersion: '1.0' },
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
                        capabilities:
                            add:
                                - NET_BIND_SERVICE
                                - NET_RAW
`,
      errors: [{ messageId: 'added', line: 17, column: 35, endColumn: 42 }],
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
                        capabilities:
                            add:
                                - NET_BIND_SERVICE
`,
    },
  ],
});
