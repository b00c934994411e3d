// Rule table for host-path-volumes (baseline `hostPathVolumes`): reported on the `hostPath` key,
// never fixed automatically; at restricted, restricted-volume-types replaces it from 1.0.
import { ruleTester } from '../../helpers/rule-tester';

const baseline = { podSecurityLevel: 'baseline' } as const;

ruleTester('host-path-volumes', {
  valid: [
    {
      name: 'other volume types',
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
  volumes:
  - name: cache
    emptyDir: {}
  - name: cfg
    configMap:
      name: cfg
  - name: only-a-name
`,
    },
    {
      name: 'restricted: restricted-volume-types reports it instead',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: host
    hostPath:
      path: /var/run
`,
    },
    {
      name: 'hostPath: null is unset',
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
  volumes:
  - name: host
    hostPath: null
`,
    },
    {
      name: 'a container volumeMount named hostPath is not a volume',
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
        volumeMounts:
        - name: hostPath
          mountPath: /data
      volumes:
      - name: hostPath
        persistentVolumeClaim:
          claimName: data
`,
    },
  ],
  invalid: [
    {
      name: 'Pod: reported on the hostPath key, no fix',
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
  volumes:
  - name: cache
    emptyDir: {}
  - name: docker
    hostPath:
      path: /var/run/docker.sock
      type: Socket
`,
      errors: [{ messageId: 'hostPath', line: 14, column: 5, endColumn: 13 }],
      output: null,
    },
    {
      name: 'DaemonSet with two hostPath volumes, one in flow style',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.0' },
      code: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  selector:
    matchLabels: {app: logs}
  template:
    metadata:
      labels: {app: logs}
    spec:
      containers:
        - name: shipper
          image: fluent-bit
      volumes:
        - name: varlog
          hostPath: {path: /var/log}
        - {name: machine-id, hostPath: {path: /etc/machine-id, type: File}}
`,
      errors: [
        { messageId: 'hostPath', line: 18, column: 11, endColumn: 19 },
        { messageId: 'hostPath', line: 19, column: 30, endColumn: 38 },
      ],
      output: null,
    },
    {
      name: 'CronJob in a multi-document file',
      config: baseline,
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  hostPath: /tmp
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: restic
          volumes:
          - name: data
            "hostPath":
              path: /srv
`,
      errors: [{ messageId: 'hostPath', line: 24, column: 13, endColumn: 23 }],
      output: null,
    },
  ],
});
