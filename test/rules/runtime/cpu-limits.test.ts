import { ruleTester } from '../../helpers/rule-tester';

const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n${containers}`;
const on = { rules: { 'cpu-limits': 'warning' as const } };

ruleTester('cpu-limits', {
  valid: [
    { name: 'off by default', code: pod('') },
    { config: on, code: pod('    resources:\n      limits: {cpu: 500m}\n') },
    { name: 'a LimitRange default', config: on, code: pod('') + '---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: d\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 500m}\n' },
  ],
  invalid: [{ name: 'turned on', config: on, code: pod('    resources:\n      limits: {memory: 1Gi}\n'), errors: [{ messageId: 'missing', line: 9, column: 5 }], output: null }],
});
