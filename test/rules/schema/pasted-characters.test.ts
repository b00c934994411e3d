import { ruleTester } from '../../helpers/rule-tester';

// The seed article's webhook rules, typographic quotes as pasted (its tab indentation aside).
const webhook = (q: (s: string) => string) => `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: run-as-non-root
webhooks:
- admissionReviewVersions: [v1]
  name: run-as-non-root.example.com
  sideEffects: None
  rules:
  - apiGroups: [${q('')}]
    apiVersions: [${q('v1')}]
    operations: [${q('CREATE')}]
    resources: [${q('pods')}]
  clientConfig:
    service:
      name: run-as-non-root-webhook
      namespace: kube-system
      path: ${q('/mutate')}
`;

const pod = (container: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
${container}`;

ruleTester('pasted-characters', {
  valid: [
    { name: 'ASCII quotes', code: webhook((s) => `"${s}"`) },
    { name: 'prose with apostrophes and quotes inside a value', code: pod('  - name: web\n    image: nginx:1.27\n    env:\n    - name: GREETING\n      value: it\u2019s \u201cfine\u201d\n') },
    {
      name: 'annotations, ConfigMap data and descriptions are free text',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    note: \u201cquoted\u201d\u00a0text\ndata:\n  motd: \u201chello\u201d\u00a0world\n',
    },
    { name: 'a block scalar keeps its text', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nspec:\n  script: |\n    echo \u201chi\u201d\u00a0there\n' },
    { name: 'an emoji sequence joins with U+200D', code: pod('  - name: web\n    image: nginx:1.27\n    env:\n    - name: ICON\n      value: x\u{1F469}\u200d\u{1F4BB}\n') },
    { name: 'not Kubernetes', code: 'steps:\n- run: echo \u201chi\u201d\n' },
  ],
  invalid: [
    {
      name: 'the seed webhook: typographic quotes become ASCII ones',
      code: webhook((s) => `\u201c${s}\u201d`),
      errors: [
        { messageId: 'quotes', line: 10, column: 17, endColumn: 19 },
        { messageId: 'quotes', line: 11, column: 19, endColumn: 23 },
        { messageId: 'quotes', line: 12, column: 18, endColumn: 26 },
        { messageId: 'quotes', line: 13, column: 17, endColumn: 23 },
        { messageId: 'quotes', line: 18, column: 13, endColumn: 22 },
      ],
      output: webhook((s) => `"${s}"`),
    },
    {
      name: 'typographic single quotes become a single-quoted scalar',
      code: webhook((s) => `"${s}"`).replace('sideEffects: None', 'sideEffects: \u2018None\u2019'),
      errors: [{ messageId: 'quotes', line: 8, column: 16, endColumn: 22 }],
      output: webhook((s) => `"${s}"`).replace('sideEffects: None', "sideEffects: 'None'"),
    },
    {
      name: 'a no-break space before and after a value: at the character',
      code: pod('  - name: \u00a0web\n    image: nginx:1.27\u00a0\n'),
      errors: [
        { messageId: 'space', line: 7, column: 11, endColumn: 12 },
        { messageId: 'space', line: 8, column: 22, endColumn: 23 },
      ],
      output: pod('  - name:  web\n    image: nginx:1.27 \n'),
    },
    {
      name: 'a zero-width space inside a key',
      code: pod('  - name: web\n    ima\u200bge: nginx:1.27\n'),
      errors: [{ messageId: 'invisible', line: 8, column: 8, endColumn: 9 }],
      output: pod('  - name: web\n    image: nginx:1.27\n'),
    },
    {
      name: 'an en dash where a list item was meant (multi-document)',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n' + pod('  - name: web\n    image: nginx:1.27\n    args:\n      \u2013 --verbose\n'),
      errors: [{ messageId: 'dash', line: 15, column: 7, endColumn: 8 }],
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n' + pod('  - name: web\n    image: nginx:1.27\n    args:\n      - --verbose\n'),
    },
  ],
});
