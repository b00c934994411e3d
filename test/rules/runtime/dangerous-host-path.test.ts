import { ruleTester } from '../../helpers/rule-tester';

const pod = (volumes: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: app\n    image: agent:1.0\n  volumes:\n${volumes}`;
const privileged = { podSecurityLevel: 'privileged' as const };

ruleTester('dangerous-host-path', {
  valid: [
    { name: 'a harmless host path', config: privileged, code: pod('  - name: logs\n    hostPath:\n      path: /var/log\n') },
    { name: 'at baseline and restricted the Pod Security rules report it', code: pod('  - name: sock\n    hostPath:\n      path: /var/run/docker.sock\n') },
    { name: 'a templated path', config: privileged, code: pod('  - name: x\n    hostPath:\n      path: "{{ .Values.path }}"\n') },
    { name: 'a kubelet plugin directory', config: privileged, code: pod('  - name: x\n    hostPath:\n      path: /var/lib/kubelet/plugins/csi.example.com\n') },
  ],
  invalid: [
    {
      name: 'runtime sockets, /, /etc/, /proc, /var/lib/kubelet at privileged',
      config: privileged,
      code: pod(
        '  - name: docker\n    hostPath:\n      path: /var/run/docker.sock\n  - name: containerd\n    hostPath: {path: /run/containerd/containerd.sock}\n  - name: root\n    hostPath:\n      path: /\n  - name: etc\n    hostPath:\n      path: /etc/\n  - name: proc\n    hostPath:\n      path: /proc\n  - name: kubelet\n    hostPath:\n      path: /var/lib/kubelet\n',
      ),
      errors: [
        { messageId: 'hostPath', line: 12, column: 13, endColumn: 33 },
        { messageId: 'hostPath', line: 14, column: 22, endColumn: 53 },
        { messageId: 'hostPath', line: 17, column: 13, endColumn: 14 },
        { messageId: 'hostPath', line: 20, column: 13, endColumn: 18 },
        { messageId: 'hostPath', line: 23, column: 13, endColumn: 18 },
        { messageId: 'hostPath', line: 26, column: 13, endColumn: 29 },
      ],
      output: null,
    },
    {
      name: 'host-path-volumes turned off',
      config: { rules: { 'host-path-volumes': 'off', 'restricted-volume-types': 'off' }, podSecurityLevel: 'baseline' },
      code: pod('  - name: sock\n    hostPath:\n      path: /run/crio/crio.sock\n'),
      errors: [{ messageId: 'hostPath', line: 12, column: 13 }],
      output: null,
    },
  ],
});
