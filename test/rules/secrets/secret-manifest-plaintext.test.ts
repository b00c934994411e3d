import { ruleTester } from '../../helpers/rule-tester';

const secret = (body: string) => `
apiVersion: v1
kind: Secret
metadata:
  name: db
${body}`;

ruleTester('secret-manifest-plaintext', {
  valid: [
    { name: 'no values', code: secret('type: Opaque\n') },
    { name: 'empty stringData and data values', code: secret('stringData:\n  password: ""\ndata:\n  token: ""\n') },
    { name: 'placeholders', code: secret('stringData:\n  password: <password>\n  token: REPLACE_ME\n') },
    { name: 'a base64 placeholder', code: secret('data:\n  password: Y2hhbmdlbWU=\n') },
    { name: 'references and templates', code: secret('stringData:\n  password: ${DB_PASSWORD}\n  token: "{{ .Values.token }}"\n') },
    { name: 'not a v1 Secret', code: 'apiVersion: example.com/v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  password: Zq8notcore\n' },
    { name: "invalid base64 is another rule's finding", code: secret('data:\n  password: not base64!\n') },
    {
      name: 'a test fixture, disabled for the resource',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: fixture\n  annotations:\n    ignore.kube-harden.io/secret-manifest-plaintext: "test fixture"\nstringData:\n  password: Zq8fixture\n',
    },
  ],
  invalid: [
    {
      name: 'stringData: one finding per key, on the key',
      code: secret('stringData:\n  username: app\n  password: Zq8stringpass\n'),
      errors: [
        { messageId: 'stringData', line: 7, column: 3, endColumn: 11 },
        { messageId: 'stringData', line: 8, column: 3, endColumn: 11 },
      ],
      output: null,
    },
    {
      name: 'data decodes to a value',
      code: secret('data:\n  password: WnE4ZGF0YXBhc3M=\n'),
      errors: [{ messageId: 'data', line: 7, column: 3, endColumn: 11 }],
      output: null,
    },
    {
      name: 'a List from kubectl get, in a multi-document file',
      code: `
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata:
    name: gh
  stringData:
    token: ghp_Zq8AAAAAAAAAAAAAAAAAAAAAAAAAAAb1c2d3
`,
      errors: [{ messageId: 'stringData', line: 15, column: 5 }],
      output: null,
    },
  ],
});
