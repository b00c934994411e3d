import { ruleTester } from '../../helpers/rule-tester';

const pod = (annotations: string, spec = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n${annotations}spec:\n${spec}  containers:\n  - name: app\n    image: nginx:1.27\n`;

ruleTester('legacy-profile-annotations', {
  valid: [
    pod('    team: shop\n'),
    { name: 'before 1.19 the annotations are the only way', config: { kubernetesVersion: '1.18' }, code: pod('    seccomp.security.alpha.kubernetes.io/pod: runtime/default\n') },
    { name: 'AppArmor annotations before 1.30', config: { kubernetesVersion: '1.29' }, code: pod('    container.apparmor.security.beta.kubernetes.io/app: runtime/default\n') },
    { name: 'templated', code: pod('    seccomp.security.alpha.kubernetes.io/pod: "{{ .Values.seccomp }}"\n') },
  ],
  invalid: [
    {
      name: 'the pod seccomp annotation moves to the pod securityContext',
      code: pod('    seccomp.security.alpha.kubernetes.io/pod: runtime/default\n    team: shop\n'),
      errors: [{ messageId: 'annotation', line: 6, column: 5, endColumn: 45 }],
      output: pod('    team: shop\n') + '  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n',
    },
    {
      name: 'a container localhost profile keeps its name',
      code: pod('    container.seccomp.security.alpha.kubernetes.io/app: localhost/profiles/audit.json\n    team: shop\n'),
      errors: [{ messageId: 'annotation', line: 6, column: 5 }],
      output: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    team: shop\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      seccompProfile:\n        type: Localhost\n        localhostProfile: profiles/audit.json\n`,
    },
    {
      name: 'AppArmor from 1.30; the field already set wins, so only the annotation goes',
      code: pod('    container.apparmor.security.beta.kubernetes.io/app: localhost/k8s-nginx\n    team: shop\n', '  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n').replace(
        '    image: nginx:1.27\n',
        '    image: nginx:1.27\n    securityContext:\n      appArmorProfile: {type: RuntimeDefault}\n',
      ),
      errors: [{ messageId: 'annotation', line: 6, column: 5 }],
      output: pod('    team: shop\n', '  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n').replace(
        '    image: nginx:1.27\n',
        '    image: nginx:1.27\n    securityContext:\n      appArmorProfile: {type: RuntimeDefault}\n',
      ),
    },
    {
      name: 'an annotation for a container that does not exist has no fix',
      code: pod('    container.seccomp.security.alpha.kubernetes.io/gone: runtime/default\n'),
      errors: [{ messageId: 'annotation', line: 6, column: 5 }],
      output: null,
    },
  ],
});
