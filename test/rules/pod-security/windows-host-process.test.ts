// Rule table for windows-host-process (baseline `windowsHostProcess`): hostProcess on the pod and on
// every container, whatever spec.os says; the fix is a suggestion because it breaks such a pod.
import { ruleTester } from '../../helpers/rule-tester';

ruleTester('windows-host-process', {
  valid: [
    `
apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  securityContext:
    windowsOptions:
      hostProcess: false
      runAsUserName: ContainerUser
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver
`,
    {
      name: 'unset on a Deployment, with other windowsOptions',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: iis
spec:
  template:
    spec:
      containers:
      - name: iis
        image: mcr.microsoft.com/windows/servercore/iis
        securityContext:
          windowsOptions: {gmsaCredentialSpecName: webapp}
`,
    },
    {
      name: 'a template expression is unknown, not a finding',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  securityContext:
    windowsOptions:
      hostProcess: "{{ .Values.hostProcess }}"
  containers:
  - name: app
    image: nanoserver
`,
    },
  ],
  invalid: [
    {
      name: 'pod level on a Pod, even without spec.os; suggestion only',
      config: { podSecurityLevel: 'baseline', kubernetesVersion: '1.0' },
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  hostNetwork: true
  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
  containers:
  - name: app
    image: nanoserver
`,
      errors: [{ messageId: 'hostProcess', line: 10, column: 20, endColumn: 24 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'DaemonSet containers and init containers on Linux too',
      code: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: csi-proxy
spec:
  template:
    spec:
      os: {name: linux}
      hostNetwork: true
      initContainers:
        - name: init
          image: busybox
          securityContext:
            windowsOptions: {hostProcess: true}
      containers:
        - name: proxy
          image: csi-proxy
          securityContext:
            windowsOptions:
              hostProcess: true
`,
      errors: [
        { messageId: 'hostProcess', line: 15, column: 43, endColumn: 47 },
        { messageId: 'hostProcess', line: 21, column: 28, endColumn: 32 },
      ],
      output: null,
      suggestions: true,
    },
    {
      name: 'CronJob ephemeral container in a multi-document file',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: win
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
  namespace: win
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: job
            image: nanoserver
          ephemeralContainers:
          - name: dbg
            image: nanoserver
            securityContext:
              windowsOptions:
                hostProcess: True
`,
      errors: [{ messageId: 'hostProcess', line: 26, column: 30, endColumn: 34 }],
      output: null,
      suggestions: true,
    },
  ],
});
