import { ruleTester } from '../../helpers/rule-tester';

const cm = (body: string) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
${body}`;

ruleTester('secret-in-configmap', {
  valid: [
    cm('  LOG_LEVEL: debug\n  DB_HOST: db\n'),
    { name: 'a credential-like key with a reference', code: cm('  DB_PASSWORD: ${DB_PASSWORD}\n') },
    { name: 'an empty value, and no value at all', code: cm('  API_TOKEN: ""\n  DB_PASSWORD:\n  CLIENT_SECRET: "  "\n') },
    { name: 'a switch under a credential-like key', code: cm('  TOKEN_AUTH: "true"\n  API_KEY: "false"\n') },
    {
      name: 'a public key or a certificate',
      code: cm(
        '  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIBszCCAVmgAwIBAgIU\n    -----END CERTIFICATE-----\n  id.pub: |\n    -----BEGIN PUBLIC KEY-----\n    xxxx\n    -----END PUBLIC KEY-----\n',
      ),
    },
    { name: 'a placeholder under a key that names no credential', code: cm('  REGION: changeme\n  OWNER: <your-team>\n') },
    { name: 'a key about a credential', code: cm('  PASSWORD_MIN_LENGTH: "12"\n  TOKEN_TTL: 1h\n') },
    { name: 'an embedded file with references only', code: cm('  application.properties: |\n    db.user=app\n    db.password=${DB_PASSWORD}\n') },
  ],
  invalid: [
    {
      name: 'a credential-like key with a placeholder: the real value will land in the ConfigMap',
      code: cm('  AWS_SECRET_ACCESS_KEY: xxxxx\n  DB_PASSWORD: changeme\n  API_TOKEN: <your-token>\n  CLIENT_SECRET: REPLACE_ME\n'),
      errors: [
        { messageId: 'slot', line: 7, column: 3, endColumn: 24 },
        { messageId: 'slot', line: 8, column: 3, endColumn: 14 },
        { messageId: 'slot', line: 9, column: 3, endColumn: 12 },
        { messageId: 'slot', line: 10, column: 3, endColumn: 16 },
      ],
      output: null,
    },
    {
      name: 'a Helm expression under a credential-like key renders the credential into the ConfigMap',
      code: cm('  API_KEY: "{{ .Values.apiKey }}"\n'),
      errors: [{ messageId: 'slot', line: 7, column: 3 }],
      output: null,
    },
    {
      name: 'a private-key block, even with a placeholder body, under any key',
      code: cm(
        '  tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    <paste the key here>\n    -----END PRIVATE KEY-----\n' +
          '  signing: |\n    -----BEGIN RSA PRIVATE KEY-----\n    xxxx\n    -----END RSA PRIVATE KEY-----\n' +
          '  gpg: "-----BEGIN PGP PRIVATE KEY BLOCK-----"\n',
      ),
      errors: [
        { messageId: 'slot', line: 7, column: 3 },
        { messageId: 'slot', line: 11, column: 3 },
        { messageId: 'slot', line: 15, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a credential-like key',
      code: cm('  DB_PASSWORD: Zq8cmpass\n'),
      errors: [{ messageId: 'named', line: 7, column: 3, endColumn: 14 }],
      output: null,
    },
    {
      name: 'embedded properties, .env, JSON, YAML and a connection string',
      code: cm(
        '  app.properties: |\n    db.url=jdbc:postgresql://db/app\n    db.password=Zq8propspass\n' +
          '  .env: |\n    export API_TOKEN=Zq8envtoken\n' +
          '  config.json: |\n    {"db": {"user": "app", "password": "Zq8jsonpass"}}\n' +
          '  values.yaml: |\n    db:\n      password: Zq8yamlpass\n' +
          '  conn: "Server=db;User Id=sa;Password=Zq8connpass;"\n',
      ),
      errors: [
        { messageId: 'embedded', line: 7, column: 3 },
        { messageId: 'embedded', line: 10, column: 3 },
        { messageId: 'embedded', line: 12, column: 3 },
        { messageId: 'embedded', line: 14, column: 3 },
        { messageId: 'embedded', line: 17, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a known format under any key',
      code: cm('  notes: "deploy with npm_Zq8a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q"\n'),
      errors: [{ messageId: 'embedded', line: 7, column: 3 }],
      output: null,
    },
  ],
});
