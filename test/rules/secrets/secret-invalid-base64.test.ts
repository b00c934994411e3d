import { ruleTester } from '../../helpers/rule-tester';

const secret = (body: string) => `
apiVersion: v1
kind: Secret
metadata:
  name: db
${body}`;

ruleTester('secret-invalid-base64', {
  valid: [
    secret('data:\n  password: WnE4ZGF0YXBhc3M=\n  empty: ""\n'),
    { name: 'base64 across lines', code: secret('data:\n  key: |\n    WnE4ZGF0\n    YXBhc3M=\n') },
    { name: 'a template expression', code: secret('data:\n  password: "{{ .Values.pw | b64enc }}"\n') },
    { name: 'stringData is not base64', code: secret('stringData:\n  password: not base64!\n') },
  ],
  invalid: [
    {
      name: 'plain text in data',
      code: secret('data:\n  password: not base64!\n  ok: WnE4ZGF0YXBhc3M=\n  short: abc\n'),
      errors: [
        { messageId: 'invalid', line: 7, column: 3, endColumn: 11 },
        { messageId: 'invalid', line: 9, column: 3, endColumn: 8 },
      ],
      output: null,
    },
  ],
});
