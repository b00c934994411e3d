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
    { name: 'a credential-like key with a placeholder', code: cm('  DB_PASSWORD: changeme\n') },
    { name: 'a credential-like key with a reference', code: cm('  DB_PASSWORD: ${DB_PASSWORD}\n') },
    { name: 'an empty value', code: cm('  API_TOKEN: ""\n') },
    { name: 'a key about a credential', code: cm('  PASSWORD_MIN_LENGTH: "12"\n  TOKEN_TTL: 1h\n') },
    { name: 'an embedded file with references only', code: cm('  application.properties: |\n    db.user=app\n    db.password=${DB_PASSWORD}\n') },
    { name: 'a Helm expression', code: cm('  API_KEY: "{{ .Values.apiKey }}"\n') },
  ],
  invalid: [
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
