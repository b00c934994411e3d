// Rule table for privileged-container (baseline `privileged`): every container list, the safe fix
// that removes `privileged: true` (and a securityContext it leaves empty), and YAML styles.
import { ruleTester } from '../../helpers/rule-tester';
import { invalidInEveryKind, validInEveryKind } from '../../helpers/workloads';

ruleTester('privileged-container', {
  valid: [
    ...validInEveryKind(
      'privileged: false in every container list',
      `
containers:
- name: app
  image: nginx
  securityContext: {privileged: false}
initContainers:
- name: init
  image: busybox
  securityContext:
    privileged: false
`,
    ),
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
      privileged: false
`,
    {
      name: 'unset, and an empty securityContext',
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
        securityContext: {}
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'a pod-level privileged does not exist and is ignored',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    privileged: true
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
      privileged: "{{ .Values.privileged }}"
`,
    },
    {
      name: 'the string "true" is not the boolean true',
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
      privileged: "true"
`,
    },
    {
      name: 'a quoted "yes" is a string, not true',
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
      privileged: "yes"
`,
    },
    {
      name: 'not a workload',
      code: `
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  privileged: "true"
`,
    },
  ],
  invalid: [
    ...invalidInEveryKind('an init container', {
      podSpec: `
initContainers:
- name: init
  image: busybox
  securityContext:
    privileged: true
containers:
- name: app
  image: nginx
`,
      errors: [{ messageId: 'privileged', line: 5, column: 17, endColumn: 21 }],
      output: `
initContainers:
- name: init
  image: busybox
containers:
- name: app
  image: nginx
`,
    }),
    {
      name: 'YAML 1.1, as Kubernetes reads it: yes is true',
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
      privileged: yes
      runAsUser: 1000
`,
      errors: [{ messageId: 'privileged', line: 11, column: 19, endColumn: 22 }],
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
      runAsUser: 1000
`,
    },
    {
      name: 'Pod container: the entry is removed, siblings and comments kept',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    # hardened below
    securityContext:
      runAsUser: 1000
      privileged: true
`,
      errors: [{ messageId: 'privileged', line: 13, column: 19, endColumn: 23 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    # hardened below
    securityContext:
      runAsUser: 1000
`,
    },
    {
      name: 'Deployment init container: a securityContext left empty is removed',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: busybox
          securityContext:
            privileged: true
          command: ["sh"]
      containers:
        - name: api
          image: api:1.0
`,
      errors: [{ messageId: 'privileged', line: 13, column: 25, endColumn: 29 }],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: busybox
          command: ["sh"]
      containers:
        - name: api
          image: api:1.0
`,
    },
    {
      name: 'CronJob with flow securityContexts, one with a sibling',
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
          containers:
          - name: job
            image: busybox
            securityContext: {privileged: true, runAsUser: 1000}
          - name: side
            image: busybox
            securityContext: { privileged: true }
`,
      errors: [
        { messageId: 'privileged', line: 15, column: 43, endColumn: 47 },
        { messageId: 'privileged', line: 18, column: 44, endColumn: 48 },
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
          containers:
          - name: job
            image: busybox
            securityContext: {runAsUser: 1000}
          - name: side
            image: busybox
`,
    },
    {
      name: 'ephemeral container in a multi-document file; other documents untouched',
      code: `apiVersion: v1
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
      privileged: true
      capabilities:
        add: [SYS_PTRACE]
---
apiVersion: v1
kind: Pod
metadata:
  name: other
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      privileged: false
`,
      errors: [{ messageId: 'privileged', line: 13, column: 19, endColumn: 23 }],
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
    securityContext:
      capabilities:
        add: [SYS_PTRACE]
---
apiVersion: v1
kind: Pod
metadata:
  name: other
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      privileged: false
`,
    },
    {
      name: '4-space indentation and CRLF line endings',
      code: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    template:
        spec:
            containers:
                -   name: agent
                    image: agent:2
                    securityContext:
                        readOnlyRootFilesystem: true
                        privileged: true # needs devices
`.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'privileged', line: 14, column: 37, endColumn: 41 }],
      output: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    template:
        spec:
            containers:
                -   name: agent
                    image: agent:2
                    securityContext:
                        readOnlyRootFilesystem: true
                        # needs devices
`.replace(/\n/g, '\r\n'),
    },
    {
      name: 'the comment of a removed line stays, on a line of its own',
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
      privileged: true  # danger
      runAsUser: 1000
  - name: side
    image: busybox
    securityContext:
      # the sidecar needs it
      privileged: true  # danger
`,
      errors: [
        { messageId: 'privileged', line: 11, column: 19, endColumn: 23 },
        { messageId: 'privileged', line: 17, column: 19, endColumn: 23 },
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
      # danger
      runAsUser: 1000
  - name: side
    image: busybox
    # the sidecar needs it
    # danger
`,
    },
    {
      name: 'ReplicationController at baseline 1.0: fires at every level and version',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.0' },
      code: `
apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        securityContext:
          privileged: True
          runAsUser: 1000
`,
      errors: [{ messageId: 'privileged', line: 13, column: 23, endColumn: 27 }],
      output: `
apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        securityContext:
          runAsUser: 1000
`,
    },
    {
      name: 'Bidirectional mount propagation needs privileged (spiffe-csi-driver): no safe fix, a suggestion that says it weakens the propagation',
      code: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: spiffe-csi-driver
spec:
  template:
    spec:
      containers:
      - name: spiffe-csi-driver
        image: ghcr.io/spiffe/spiffe-csi-driver:0.2.3
        volumeMounts:
        - name: mountpoint-dir
          mountPath: /var/lib/kubelet/pods
          mountPropagation: Bidirectional
        - name: plugin-dir
          mountPath: /spiffe-csi
        securityContext:
          privileged: true
`,
      errors: [{ messageId: 'bidirectional', line: 19, column: 23, endColumn: 27 }],
      output: null,
      suggestions: true,
    },
  ],
});
