import { ruleTester } from '../../helpers/rule-tester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${spec}`;

ruleTester('read-only-root-filesystem', {
  valid: [
    pod('  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: true\n'),
    { name: 'a template expression', code: pod('  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: "{{ .Values.ro }}"\n') },
    { name: 'Windows pods cannot have one', code: pod('  os:\n    name: windows\n  containers:\n  - name: app\n    image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n') },
    {
      name: 'ephemeral containers are debugging sessions',
      code: pod('  containers:\n  - name: app\n    image: a:1\n    securityContext: {readOnlyRootFilesystem: true}\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n'),
    },
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  readOnlyRootFilesystem: "false"\n',
  ],
  invalid: [
    {
      name: 'explicitly writable',
      code: pod('  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: false\n'),
      errors: [{ messageId: 'writable', line: 10, column: 31, endColumn: 36 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'unset, reported on the securityContext key; volumes and mounts exist',
      code: pod(
        '  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\n    volumeMounts:\n    - name: tmp\n      mountPath: /data\n  volumes:\n  - name: tmp\n    emptyDir: {}\n',
      ),
      errors: [{ messageId: 'unset', line: 9, column: 5, endColumn: 20 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'unset without a securityContext: on the container name; init containers too',
      code: pod('  initContainers:\n  - name: init\n    image: busybox:1.36\n    securityContext: {readOnlyRootFilesystem: true}\n  containers:\n  - name: app\n    image: nginx:1.27\n'),
      errors: [{ messageId: 'unset', line: 11, column: 11, endColumn: 14 }],
      output: null,
      suggestions: true,
    },
  ],
});
