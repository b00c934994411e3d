import { ruleTester } from '../../helpers/rule-tester';

const pod = (env: string, extra = '') => `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    env:
${env}${extra}`;

ruleTester('secret-in-env', {
  valid: [
    { name: 'a non-credential name with an ordinary value', code: pod('    - name: LOG_LEVEL\n      value: debug\n') },
    { name: 'an empty value', code: pod('    - name: DB_PASSWORD\n      value: ""\n') },
    { name: 'valueFrom', code: pod('    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n') },
    { name: 'a $(VAR) reference', code: pod('    - name: DB_PASSWORD\n      value: $(OTHER_PASSWORD)\n') },
    { name: 'a ${VAR} reference', code: pod('    - name: API_TOKEN\n      value: ${API_TOKEN}\n') },
    { name: 'a URL whose password is a reference', code: pod('    - name: DATABASE_URL\n      value: postgres://app:$(DB_PASSWORD)@db:5432/app\n') },
    { name: 'an angle-bracket placeholder', code: pod('    - name: DB_PASSWORD\n      value: <password>\n') },
    { name: 'REPLACE_ME', code: pod('    - name: API_KEY\n      value: REPLACE_ME\n') },
    { name: 'changeme', code: pod('    - name: ADMIN_PASSWORD\n      value: changeme\n') },
    { name: 'changeit', code: pod('    - name: KEYSTORE_PASSWORD\n      value: changeit\n') },
    { name: 'your-api-key', code: pod('    - name: API_KEY\n      value: your-api-key\n') },
    { name: 'xxxx', code: pod('    - name: SECRET\n      value: xxxxxxxx\n') },
    { name: 'a Helm expression', code: pod('    - name: DB_PASSWORD\n      value: "{{ .Values.db.password }}"\n') },
    { name: 'a name about a credential, not one: a file path', code: pod('    - name: PASSWORD_FILE\n      value: /run/secrets/db-password\n') },
    { name: 'a name about a credential: a URL', code: pod('    - name: TOKEN_URL\n      value: https://auth.example.com/token\n') },
    { name: 'a name about a credential: a Secret name', code: pod('    - name: SECRET_NAME\n      value: db-credentials\n') },
    { name: 'a switch', code: pod('    - name: TOKEN_AUTH\n      value: "true"\n') },
    { name: 'a URL with a user and no password', code: pod('    - name: UPSTREAM\n      value: https://user@example.com/\n') },
    {
      name: 'suppressed by annotation (test fixtures)',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: fixture
  annotations:
    ignore.kube-harden.io/secret-in-env: "fake credentials of a test fixture"
spec:
  containers:
  - name: app
    image: nginx
    env:
    - name: DB_PASSWORD
      value: Zq8-fixture-pass
`,
    },
  ],
  invalid: [
    {
      name: 'a credential-like name on a Pod, reported on the name',
      code: pod('    - name: DB_PASSWORD\n      value: "Zq8-real-pass"\n'),
      errors: [{ messageId: 'plaintext', line: 11, column: 13, endColumn: 24 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'camelCase and dotted names, a flow-style entry',
      code: pod('    - {name: clientSecret, value: Zq8clientsecret}\n    - name: smtp.pass\n      value: Zq8smtppass\n'),
      errors: [
        { messageId: 'plaintext', line: 11, column: 14 },
        { messageId: 'plaintext', line: 12, column: 13 },
      ],
      output: null,
      suggestions: true,
    },
    {
      name: 'known formats whatever the name: GitHub token, JWT, URL with a password, private key',
      code: pod(
        '    - name: GH\n      value: ghp_Zq8AAAAAAAAAAAAAAAAAAAAAAAAAAAb1c2d3\n' +
          '    - name: SESSION\n      value: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ6cTgtdXNlciJ9.Zq8sigZq8sigZq8sigZq8sig\n' +
          '    - name: UPSTREAM\n      value: https://admin:Zq8urlpass@example.com/api\n' +
          '    - name: AUTH\n      value: "Basic emE4OnpxOC1iYXNpYw=="\n',
      ),
      errors: [
        { messageId: 'plaintext', line: 11, column: 13 },
        { messageId: 'plaintext', line: 13, column: 13 },
        { messageId: 'plaintext', line: 15, column: 13 },
        { messageId: 'plaintext', line: 17, column: 13 },
      ],
      output: null,
      suggestions: true,
    },
    {
      name: 'a Deployment, an init container',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: migrate
        env:
        - name: API_KEY
          value: Zq8-api-key-value
      containers:
      - name: api
        image: api
`,
      errors: [{ messageId: 'plaintext', line: 13, column: 17 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'a CronJob in a multi-document file',
      code: `
apiVersion: v1
kind: Service
metadata:
  name: svc
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: job
            image: job
            env:
            - name: SLACK_TOKEN
              value: xoxb-123456789012-1234567890123-Zq8SlackZq8SlackZq8Slack
`,
      errors: [{ messageId: 'plaintext', line: 20, column: 21 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'extra credential names from the configuration',
      config: { secrets: { credentialNames: ['pin'] } },
      code: pod('    - name: CARD_PIN\n      value: "4821"\n'),
      errors: [{ messageId: 'plaintext', line: 11, column: 13 }],
      output: null,
      suggestions: true,
    },
  ],
});
