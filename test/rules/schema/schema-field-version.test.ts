import { ruleTester } from '../../helpers/rule-tester';

const pod = (securityContext: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: apps
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext:
${securityContext}
`;

const appArmor = pod('        appArmorProfile:\n          type: RuntimeDefault');

ruleTester('schema-field-version', {
  valid: [
    appArmor,
    { name: 'appArmorProfile at 1.30, where it arrived', code: appArmor, config: { kubernetesVersion: '1.30' } },
    { name: 'a field that exists in every version', code: pod('        runAsNonRoot: true'), config: { kubernetesVersion: '1.14' } },
  ],
  invalid: [
    {
      name: 'a field too new for the target',
      code: appArmor,
      config: { kubernetesVersion: '1.29' },
      errors: [{ messageId: 'tooNew', line: 11, column: 9, endColumn: 24 }],
      output: null,
    },
    {
      name: "the namespace's enforce-version is the target",
      code: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.25\n---\n${appArmor}`,
      errors: [{ messageId: 'tooNew', line: 19, column: 9 }],
      output: null,
    },
    {
      name: 'fields removed before the target, in a multi-document file',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  clusterName: east\nspec:\n  topologyKeys: ["kubernetes.io/hostname"]\n  ports:\n    - port: 80\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: a\n              image: x\n              resources:\n                claims:\n                  - name: gpu\n',
      config: { kubernetesVersion: '1.25' },
      errors: [
        { messageId: 'removed', line: 5, column: 3 },
        { messageId: 'removed', line: 7, column: 3 },
        { messageId: 'tooNew', line: 26, column: 17 },
      ],
      output: null,
    },
  ],
});
