// Rule table for host-probes-and-lifecycle (baseline `hostProbesAndHostLifecycle`, from 1.34):
// probe and lifecycle handlers with a non-empty host, and the safe fix that removes the host.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('host-probes-and-lifecycle', {
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
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
    readinessProbe:
      tcpSocket:
        port: 8080
`,
    {
      name: 'an empty host means the pod',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    startupProbe:
      httpGet: {host: "", port: 8080}
    lifecycle:
      preStop:
        tcpSocket:
          host: ''
          port: 8080
`,
    },
    {
      name: 'the check does not exist at 1.33',
      config: { kubernetesVersion: '1.33' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet:
        host: example.com
        port: 80
`,
    },
    {
      name: 'exec, grpc and sleep handlers have no host',
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
        livenessProbe:
          grpc: {port: 9090}
        readinessProbe:
          exec:
            command: [cat, /tmp/ready]
        lifecycle:
          preStop:
            sleep: {seconds: 5}
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
    livenessProbe:
      httpGet:
        host: "{{ .Values.probeHost }}"
        port: 80
`,
    },
    {
      name: 'a host header is not the host field',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet:
        port: 80
        httpHeaders:
        - name: Host
          value: example.com
`,
    },
  ],
  invalid: [
    {
      name: 'Pod liveness httpGet host, even a loopback one',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet:
        host: 127.0.0.1 # local
        path: /healthz
        port: 8080
`,
      errors: [{ messageId: 'host', line: 12, column: 15, endColumn: 24 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet:
        # local
        path: /healthz
        port: 8080
`,
    },
    {
      name: 'at 1.34 exactly; Deployment sidecar init container with a flow tcpSocket',
      config: { kubernetesVersion: '1.34', podSecurityLevel: 'baseline' },
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: envoy
          restartPolicy: Always
          readinessProbe:
            tcpSocket: {host: "8.8.8.8", port: 53}
      containers:
        - name: api
          image: api:1.0
`,
      errors: [{ messageId: 'host', line: 14, column: 31, endColumn: 40 }],
      output: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: envoy
          restartPolicy: Always
          readinessProbe:
            tcpSocket: {port: 53}
      containers:
        - name: api
          image: api:1.0
`,
    },
    {
      name: 'CronJob lifecycle hooks: postStart and preStop',
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
            lifecycle:
              postStart:
                httpGet:
                  host: bad.host
                  port: 80
              preStop:
                tcpSocket:
                  port: 22
                  host: '::1'
`,
      errors: [
        { messageId: 'host', line: 19, column: 25, endColumn: 33 },
        { messageId: 'host', line: 24, column: 25, endColumn: 30 },
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
          containers:
          - name: job
            image: busybox
            lifecycle:
              postStart:
                httpGet:
                  port: 80
              preStop:
                tcpSocket:
                  port: 22
`,
    },
    {
      name: 'ephemeral container startup probe in a multi-document file',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet: {port: 80}
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: debug
    image: busybox
    startupProbe:
      httpGet:
        host: metadata.google.internal
        port: 80
`,
      errors: [{ messageId: 'host', line: 25, column: 15, endColumn: 39 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet: {port: 80}
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: debug
    image: busybox
    startupProbe:
      httpGet:
        port: 80
`,
    },
  ],
});
