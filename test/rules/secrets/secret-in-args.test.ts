import { ruleTester } from '../../helpers/rule-tester';

const pod = (lines: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: backup
spec:
  containers:
  - name: dump
    image: pg
${lines}`;

ruleTester('secret-in-args', {
  valid: [
    pod('    args: ["--host=db", "--verbose"]\n'),
    { name: 'a $(VAR) reference', code: pod('    args: ["--password=$(DB_PASSWORD)"]\n') },
    { name: 'a placeholder', code: pod('    args: ["--token=<token>"]\n') },
    { name: 'a flag about a credential', code: pod('    args: ["--password-file=/run/secrets/pw"]\n') },
    { name: 'a credential flag followed by another flag', code: pod('    args: ["--password", "--verbose"]\n') },
    { name: 'a Helm expression', code: pod('    command: ["app", "--api-key={{ .Values.key }}"]\n') },
  ],
  invalid: [
    {
      name: '--password=value in args',
      code: pod('    args: ["--host=db", "--password=Zq8argpass"]\n'),
      errors: [{ messageId: 'plaintext', line: 10, column: 25 }],
      output: null,
    },
    {
      name: 'a flag and its value as two items in command',
      code: pod('    command:\n    - dump\n    - --api-key\n    - Zq8apikeyvalue\n'),
      errors: [{ messageId: 'plaintext', line: 13, column: 7 }],
      output: null,
    },
    {
      name: 'a known format inside a shell command, on a Deployment',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sync
spec:
  template:
    spec:
      containers:
      - name: sync
        image: curl
        command: ["sh", "-c", "curl -H 'Authorization: Bearer Zq8bearerZq8bearerZq8bearer' https://api.example.com"]
`,
      errors: [{ messageId: 'plaintext', line: 12, column: 31 }],
      output: null,
    },
  ],
});
