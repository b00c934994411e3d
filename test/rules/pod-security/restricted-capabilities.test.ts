// Rule table for restricted-capabilities (restricted `capabilities_restricted`, from 1.22): drop must
// hold the exact "ALL", add only NET_BIND_SERVICE; Windows pods exempt from 1.25; safe fixes append
// ALL (creating securityContext and capabilities as needed) and remove other added capabilities.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('restricted-capabilities', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: init
    image: busybox
    securityContext:
      capabilities: {drop: [ALL]}
  containers:
  - name: app
    image: nginx
    securityContext:
      capabilities:
        drop:
        - ALL
        add:
        - NET_BIND_SERVICE
`,
    {
      name: 'Windows pods are exempt from 1.25',
      config: { kubernetesVersion: '1.25' },
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
      containers:
      - name: iis
        image: mcr.microsoft.com/windows/servercore/iis
`,
    },
    {
      name: 'absent before 1.22',
      config: { kubernetesVersion: '1.21' },
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
    securityContext:
      capabilities:
        add: [CHOWN]
`,
    },
    {
      name: 'a template expression in drop or add is unknown, not a finding',
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
        drop: ["{{ .Values.drop }}"]
        add: ["{{ .Values.add }}"]
`,
    },
  ],
  invalid: [
    {
      name: 'no securityContext: reported on the name, the whole path created',
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
      errors: [{ messageId: 'notDropped', line: 8, column: 11, endColumn: 14 }],
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
        drop:
        - ALL
`,
    },
    {
      name: 'Windows pods are not exempt at 1.24; indented sequences; a key with no value',
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
      containers:
        - name: iis
          image: iis
          securityContext:
`,
      errors: [{ messageId: 'notDropped', line: 14, column: 11, endColumn: 26 }],
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
      containers:
        - name: iis
          image: iis
          securityContext:
            capabilities:
              drop:
                - ALL
`,
    },
    {
      name: 'CronJob: drop in flow style without ALL (case-sensitive), non-default add removed',
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
              capabilities:
                drop: [all, NET_RAW]
                add: ["NET_BIND_SERVICE", CHOWN]
          containers:
          - name: job
            image: busybox
            securityContext: {runAsUser: 1000}
`,
      errors: [
        { messageId: 'notDropped', line: 18, column: 17, endColumn: 21 },
        { messageId: 'added', line: 19, column: 43, endColumn: 48 },
        { messageId: 'notDropped', line: 23, column: 13, endColumn: 28 },
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
          initContainers:
          - name: init
            image: busybox
            securityContext:
              capabilities:
                drop: [all, NET_RAW, ALL]
                add: ["NET_BIND_SERVICE"]
          containers:
          - name: job
            image: busybox
            securityContext: {runAsUser: 1000, capabilities: {drop: [ALL]}}
`,
    },
    {
      name: 'ephemeral container in a multi-document file: capabilities without drop, add-only list removed',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      capabilities: {drop: [ALL]}
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      capabilities: {drop: [ALL]}
  ephemeralContainers:
  - name: gdb
    image: gdb
    securityContext:
      capabilities:
        add:
        - SYS_PTRACE # attach
`,
      errors: [
        { messageId: 'notDropped', line: 26, column: 7, endColumn: 19 },
        { messageId: 'added', line: 28, column: 11, endColumn: 21 },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      capabilities: {drop: [ALL]}
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      capabilities: {drop: [ALL]}
  ephemeralContainers:
  - name: gdb
    image: gdb
    securityContext:
      capabilities:
        # attach
        drop:
        - ALL
`,
    },
    {
      name: 'StatefulSet with 4-space indentation and CRLF; block drop list without ALL',
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
                        capabilities:
                            drop:
                                - NET_RAW
`.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'notDropped', line: 15, column: 29, endColumn: 33 }],
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
                        capabilities:
                            drop:
                                - NET_RAW
                                - ALL
`.replace(/\n/g, '\r\n'),
    },
  ],
});
