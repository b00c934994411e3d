import { ruleTester } from '../../helpers/rule-tester';

const pod = (profile: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: audit-pod\nspec:\n  securityContext:\n    seccompProfile:\n      type: Localhost\n      localhostProfile: ${profile}\n  containers:\n  - name: app\n    image: hashicorp/http-echo:1.0\n`;

ruleTester('seccomp-localhost-profile', {
  valid: [pod('profiles/audit.json'), pod('my-profile.json'), { name: 'templated', code: pod('"{{ .Values.profile }}"') }],
  invalid: [
    {
      name: 'the seed article: an absolute path outside the seccomp root (a suggestion, no safe fix)',
      code: pod('/path/to/my-profile.json'),
      errors: [{ messageId: 'absolute', line: 9, column: 25, endColumn: 49 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'an absolute path under the seccomp root has one relative form',
      code: pod('/var/lib/kubelet/seccomp/profiles/audit.json'),
      errors: [{ messageId: 'absolute', line: 9, column: 25 }],
      output: pod('profiles/audit.json'),
    },
    { name: 'leaving the root', code: pod('../etc/profile.json'), errors: [{ messageId: 'parent', line: 9, column: 25 }], output: null },
    { name: 'empty', code: pod('""'), errors: [{ messageId: 'empty', line: 9, column: 25 }], output: null },
    {
      name: 'on a container',
      code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a:1\n    securityContext:\n      seccompProfile: {type: Localhost, localhostProfile: "/x.json"}\n`,
      errors: [{ messageId: 'absolute', line: 10, column: 59 }],
      output: null,
      suggestions: true,
    },
  ],
});
