// Rule table for host-ports (baseline `hostPorts`): every container list, hostPort 0 allowed,
// and the safe fix that removes the hostPort entry in block and flow port items.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('host-ports', {
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
    ports:
    - containerPort: 80
`,
    {
      name: 'hostPort 0 means none',
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
          hostPort: 0
        - {containerPort: 9090, hostPort: 0}
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
    ports:
    - containerPort: 80
      hostPort: "{{ .Values.hostPort }}"
`,
    },
    {
      name: 'null means unset',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
      hostPort: null
`,
    },
    {
      name: 'a Service port is not a container port',
      code: `
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
  - port: 80
    hostPort: 80
    nodePort: 30080
`,
    },
  ],
  invalid: [
    {
      name: 'Pod: the hostPort entry is removed, the rest of the port kept, comment lines kept',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    ports:
    # http
    - containerPort: 80
      hostPort: 8080
      protocol: TCP
`,
      errors: [{ messageId: 'hostPort', line: 13, column: 17, endColumn: 21 }],
      output: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    ports:
    # http
    - containerPort: 80
      protocol: TCP
`,
    },
    {
      name: 'hostPort as the first key of an indented port item',
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
            - hostPort: 8443
              containerPort: 8443
              name: https
`,
      errors: [{ messageId: 'hostPort', line: 13, column: 25, endColumn: 29 }],
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
            - containerPort: 8443
              name: https
`,
    },
    {
      name: 'CronJob init container with a flow port, plus a regular container',
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
            ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]
          containers:
          - name: job
            image: busybox
            ports:
            - containerPort: 9000
              hostPort: '9000'
`,
      errors: [
        { messageId: 'hostPort', line: 16, column: 51, endColumn: 53 },
        { messageId: 'hostPort', line: 22, column: 25, endColumn: 31 },
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
            ports: [{containerPort: 53, protocol: UDP}]
          containers:
          - name: job
            image: busybox
            ports:
            - containerPort: 9000
`,
    },
    {
      name: 'ephemeral container in a multi-document file with CRLF line endings',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: debug
    image: busybox
    ports:
    - containerPort: 2345
      hostPort: 2345
`.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'hostPort', line: 22, column: 17, endColumn: 21 }],
      output: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: debug
    image: busybox
    ports:
    - containerPort: 2345
`.replace(/\n/g, '\r\n'),
    },
    {
      name: 'baseline ReplicationController with 4-space indentation',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.20' },
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
                  ports:
                      - containerPort: 80
                        hostPort: 80 # for the node's LB
                        name: http
`,
      errors: [{ messageId: 'hostPort', line: 14, column: 35, endColumn: 37 }],
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
                  ports:
                      - containerPort: 80
                        # for the node's LB
                        name: http
`,
    },
  ],
});
