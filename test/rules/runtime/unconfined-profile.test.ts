import { ruleTester } from '../../helpers/rule-tester';

const pod = (spec: string, annotations = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n${annotations}spec:\n${spec}  containers:\n  - name: app\n    image: agent:1.0\n`;
const privileged = { podSecurityLevel: 'privileged' as const };
const unconfined = '  securityContext:\n    seccompProfile: {type: Unconfined}\n    appArmorProfile: {type: Unconfined}\n    seLinuxOptions: {type: spc_t}\n';

ruleTester('unconfined-profile', {
  valid: [
    { name: 'at baseline and restricted the Pod Security rules report them', code: pod(unconfined) },
    { name: 'confined', config: privileged, code: pod('  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n    seLinuxOptions: {type: container_t}\n') },
    { name: 'templated', config: privileged, code: pod('  securityContext:\n    seccompProfile: {type: "{{ .Values.seccomp }}"}\n') },
  ],
  invalid: [
    {
      name: 'each kind at privileged',
      config: privileged,
      code: pod(unconfined),
      errors: [
        { messageId: 'seccomp', line: 7, column: 28, endColumn: 38 },
        { messageId: 'appArmor', line: 8, column: 29, endColumn: 39 },
        { messageId: 'seLinux', line: 9, column: 28, endColumn: 33 },
      ],
      output: null,
    },
    {
      name: 'the legacy AppArmor annotation, with the Pod Security rule off',
      config: { rules: { 'apparmor-profile': 'off' } },
      code: pod('', '  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\n'),
      errors: [{ messageId: 'appArmor', line: 6, column: 57, endColumn: 67 }],
      output: null,
    },
  ],
});
