// Rule table for restricted-volume-types (restricted `restrictedVolumes`): only configMap, csi,
// downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret; a name-only
// volume is an emptyDir. No fix: the storage has to be rethought by a person.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('restricted-volume-types', {
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
  volumes:
  - name: scratch
  - name: cache
    emptyDir: {}
  - name: cfg
    configMap: {name: cfg}
  - name: tls
    secret:
      secretName: tls
  - name: data
    persistentVolumeClaim:
      claimName: data
  - name: info
    downwardAPI:
      items: []
  - name: all
    projected:
      sources: []
`,
    {
      name: 'csi, ephemeral and image volumes are allowed at every version',
      config: { kubernetesVersion: '1.0' },
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
      volumes:
      - name: secrets-store
        csi:
          driver: secrets-store.csi.k8s.io
      - name: scratch
        ephemeral:
          volumeClaimTemplate:
            spec:
              accessModes: [ReadWriteOnce]
      - name: model
        image:
          reference: registry.example.com/model:1
`,
    },
    {
      name: 'not part of baseline (host-path-volumes covers hostPath there)',
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
  volumes:
  - name: share
    nfs: {server: nfs.example.com, path: /exports}
`,
    },
    {
      name: 'a null source is no source, hence an emptyDir',
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
      // BUG: YAML merge keys (honoured by kubectl's YAML decoder) are not resolved: "<<" is reported as
      // a volume type although the merged map is an emptyDir. The engine's nodeAt/pairOf ignore merges.
      name: 'a merge key is not a volume type',
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
    emptyDir: &scratch {sizeLimit: 1Gi}
  - name: tmp
    <<: {emptyDir: *scratch}
`,
    },
  ],
  invalid: [
    {
      name: 'Pod hostPath: reported on the key, no fix',
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
`,
      errors: [{ messageId: 'type', line: 14, column: 5, endColumn: 13 }],
      output: null,
    },
    {
      name: 'Deployment: network storage types, including a flow volume and an unknown key',
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
      volumes:
        - name: share
          nfs:
            server: nfs.example.com
            path: /exports
        - {name: repo, gitRepo: {repository: "https://example.com/repo.git"}}
        - name: custom
          fancyNewSource: {}
`,
      errors: [
        { messageId: 'type', line: 14, column: 11, endColumn: 14 },
        { messageId: 'type', line: 17, column: 24, endColumn: 31 },
        { messageId: 'type', line: 19, column: 11, endColumn: 25 },
      ],
      output: null,
    },
    {
      name: 'CronJob at 1.0: the check exists from the start',
      config: { kubernetesVersion: '1.0' },
      code: `
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
          - awsElasticBlockStore:
              volumeID: vol-123
            name: ebs
`,
      errors: [{ messageId: 'type', line: 17, column: 13, endColumn: 33 }],
      output: null,
    },
    {
      name: 'multi-document file: only the DaemonSet is reported',
      code: `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv
spec:
  hostPath:
    path: /data
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  template:
    spec:
      containers:
      - name: exporter
        image: node-exporter
      volumes:
      - name: proc
        hostPath: {path: /proc}
      - name: cfg
        configMap: {name: exporter}
`,
      errors: [{ messageId: 'type', line: 21, column: 9, endColumn: 17 }],
      output: null,
    },
  ],
});
