import { ruleTester } from '../../helpers/rule-tester';

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n${container}`;

ruleTester('image-tag', {
  valid: [
    pod('    image: nginx:1.27.3\n'),
    { name: 'a digest pins the image', code: pod('    image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000\n') },
    { name: 'a registry with a port is not a tag', code: pod('    image: registry.local:5000/team/app:2.1\n') },
    { name: 'templated', code: pod('    image: "{{ .Values.image }}"\n') },
    { name: 'substituted by a tool', code: pod('    image: ${IMAGE}\n') },
    { name: 'a ConfigMap key named image', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: nginx\n' },
  ],
  invalid: [
    { name: 'no tag', code: pod('    image: nginx\n'), errors: [{ messageId: 'noTag', line: 8, column: 12, endColumn: 17 }], output: null },
    {
      name: 'latest, pulled IfNotPresent',
      code: pod('    image: registry.local:5000/app:latest\n    imagePullPolicy: IfNotPresent\n'),
      errors: [
        { messageId: 'latest', line: 8, column: 12, endColumn: 42 },
        { messageId: 'pullPolicy', line: 9, column: 22, endColumn: 34 },
      ],
      output: null,
    },
    { name: 'latest with Always', code: pod('    image: nginx:latest\n    imagePullPolicy: Always\n'), errors: [{ messageId: 'latest', line: 8, column: 12 }], output: null },
  ],
});
