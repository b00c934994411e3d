// The detector library: the synchronous secretlint adapter agrees with secretlint's own async
// lintSource; credential-like names; placeholders and references; embedded files; flags.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintSource } from '@secretlint/core';
import { creator as preset } from '@secretlint/secretlint-rule-preset-recommend';
import { check, mergeConfig } from '../../../server/src/engine';
import { credentialNameKind, findFlags, findNamedEntries, isPlaceholder, notASecret, runSecretlint, scanText, secretlintRuleIds } from '../../../rules/secrets/scan';
import { rules } from '../../../rules';

const corpus = [
  'ghp_Kx9AAAAAAAAAAAAAAAAAAAAAAAAAAAb1c2d3',
  'glpat-Kx9abcdefghij1234567',
  'xoxb-123456789012-1234567890123-Kx9SlackKx9SlackKx9Slack',
  'npm_Kx9a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q',
  'https://admin:Kx9urlpass@example.com/path',
  'postgres://user:Kx9pgpass@db.example.com:5432/app',
  'mongodb+srv://user:Kx9mongo@cluster0.example.net/db',
  'aws_secret_access_key = Kx9rXUtnFEMI/K7MDENG/bPxRfiCYKx9SECRETKE',
  `-----BEGIN RSA PRIVATE KEY-----\nMII${'A'.repeat(120)}\n-----END RSA PRIVATE KEY-----`,
  'nothing to see here',
  'hvs.' + 'K'.repeat(95),
];

describe('secretlint adapter', () => {
  test('runs every scanner of the preset but the comment filter', () => {
    assert.ok(secretlintRuleIds.length >= 20);
    assert.ok(secretlintRuleIds.includes('@secretlint/secretlint-rule-github'));
    assert.ok(!secretlintRuleIds.some((id) => id.endsWith('filter-comments')));
  });

  test('reports what secretlint lintSource reports, synchronously', async () => {
    for (const content of corpus) {
      const result = await lintSource({
        source: { content, filePath: '/x/manifest.yaml', ext: '.yaml', contentType: 'text' },
        options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset, options: {} }] } },
      });
      const expected = result.messages.map((m) => `${m.ruleId} ${m.messageId} ${m.range.join('-')}`).sort();
      const actual = runSecretlint(content)
        .map((h) => `${h.ruleId} ${h.messageId} ${h.start}-${h.end}`)
        .sort();
      assert.deepEqual(actual, expected, content.slice(0, 12));
    }
  });

  test('names the kind of credential, never quoting it', () => {
    const kinds = corpus.map((c) => scanText(c).map((d) => d.kind));
    assert.deepEqual(kinds.slice(0, 8), [
      ['GitHub token'],
      ['GitLab token'],
      ['Slack token'],
      ['npm token'],
      ['URL with a password'],
      ['PostgreSQL connection string with a password'],
      ['MongoDB connection string with a password'],
      ['AWS secret access key'],
    ]);
    assert.deepEqual(kinds[8], ['private key']);
    assert.deepEqual(kinds[9], []);
  });
});

describe('own formats', () => {
  const cases: Array<[string, string[]]> = [
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJreDkifQ.Kx9sigKx9sigKx9sigKx9sig', ['JSON Web Token']],
    ['AKIAKX7ABCDEFGHIJKLM', ['AWS access key ID']],
    ['Authorization: Basic a3g5OmFiY2RlZmdoaWo=', ['basic-auth header']],
    ['Authorization: Bearer Kx9bearerKx9bearerKx9bearer', ['bearer token']],
    ['amqp://guest:Kx9amqp@rabbit:5672/', ['URL with a password']],
    ['Server=db;User Id=sa;Password=Kx9conn;', ['connection string with a password']],
    ['redis://:$(REDIS_PASSWORD)@redis:6379', []],
    ['Server=db;Password=${DB_PASSWORD};', []],
    ['Authorization: Basic <base64>', []],
  ];
  for (const [text, kinds] of cases)
    test(text, () =>
      assert.deepEqual(
        scanText(text).map((d) => d.kind),
        kinds,
      ),
    );
});

describe('credential-like names', () => {
  const cases: Array<[string, string | undefined]> = [
    ['DB_PASSWORD', 'password'],
    ['dbPassword', 'password'],
    ['db-password', 'password'],
    ['db.pass', 'password'],
    ['PASSWD', 'password'],
    ['API_KEY', 'API key'],
    ['apiKey', 'API key'],
    ['AWS_SECRET_ACCESS_KEY', 'access key'],
    ['PRIVATE_KEY', 'private key'],
    ['GITHUB_TOKEN', 'token'],
    ['clientSecret', 'client secret'],
    ['CREDENTIALS', 'credential'],
    ['JWT_SIGNING_KEY', 'signing key'],
    ['PASSWORD_FILE', undefined],
    ['TOKEN_URL', undefined],
    ['SECRET_NAME', undefined],
    ['TOKEN_TTL', undefined],
    ['API_KEY_ID', undefined],
    ['PASSWORD_MIN_LENGTH', undefined],
    ['LOG_LEVEL', undefined],
    ['PASS_THROUGH', undefined],
    ['BYPASS', undefined],
    ['KEYBOARD', undefined],
  ];
  for (const [name, kind] of cases) test(`${name} → ${kind ?? 'not a credential'}`, () => assert.equal(credentialNameKind(name), kind));
  test('extra names from the configuration', () => {
    assert.equal(credentialNameKind('CARD_PIN'), undefined);
    assert.equal(credentialNameKind('CARD_PIN', ['pin']), 'credential');
  });
});

describe('never secrets', () => {
  const placeholders = [
    '<password>',
    '[token]',
    '{secret}',
    'REPLACE_ME',
    'replace-me',
    'changeme',
    'CHANGE_ME',
    'changeit',
    'your-api-key',
    'YOUR_TOKEN_HERE',
    'xxxxxxxx',
    '********',
    'TODO',
    'dummy',
    'example',
    'redacted',
  ];
  for (const p of placeholders) test(`placeholder ${p}`, () => assert.ok(isPlaceholder(p) && notASecret(p)));
  const others = ['', '   ', '$(DB_PASSWORD)', '${DB_PASSWORD}', '$DB_PASSWORD', '{{ .Values.password }}', 'true', 'false', 'enabled'];
  for (const v of others) test(`not a secret: ${JSON.stringify(v)}`, () => assert.ok(notASecret(v)));
  const real = ['admin', 'test', 'password123', 'hunter2', 'Kx9-real', 'my-Kx9-password'];
  for (const v of real) test(`a real (if weak) value: ${v}`, () => assert.ok(!notASecret(v)));
});

describe('embedded files and flags', () => {
  test('properties, .env, JSON and YAML entries name their key', () => {
    const text = 'db.user=app\ndb.password=Kx9props\nexport API_TOKEN="Kx9env"\n{"client_secret": "Kx9json"}\nsmtp:\n  password: Kx9yaml\n  user: x\nempty.password=\nref.password=${PW}\n';
    assert.deepEqual(
      findNamedEntries(text).map((d) => d.name),
      ['db.password', 'API_TOKEN', 'client_secret', 'password'],
    );
  });
  test('flags', () => {
    assert.deepEqual(
      findFlags('app --password=Kx9flag --user=x --api-key Kx9key --token=$(TOKEN) --secret-file=/x').map((d) => d.name),
      ['--password', '--api-key'],
    );
  });
});

test('connection strings are judged by what they hold, and padded placeholders are placeholders', () => {
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n${data}`;
  const ids = (data: string) =>
    check(cm(data), { config: mergeConfig(), rules })
      .findings.filter((f) => f.category === 'secrets')
      .map((f) => f.message);
  assert.deepEqual(ids('  connection_string: "/run/spire/server/data/datastore.sqlite3"\n'), []);
  // A placeholder, not a plaintext key; in a ConfigMap it still marks where the real key would go.
  assert.deepEqual(ids('  signing_key: CHANGEME00000000\n'), ['key "signing_key" of ConfigMap "cfg" is where the signing key goes: whatever value it gets is stored in plain text']);
  assert.equal(ids('  storage: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4cXV1eA==;EndpointSuffix=core.windows.net"\n').length, 1);
  assert.equal(ids('  db: "Server=db;User Id=sa;Password=Kx9conn;"\n').length, 1);
});

test('a name holds a credential only when the credential word ends it (or a value word follows)', () => {
  for (const name of ['SECRETS_BACKEND', 'SECRET_MANAGER', 'ENABLE_TOKEN_AUTH', 'TOKEN_EXCHANGE_STRATEGY', 'PASSWORD_HASHER']) {
    assert.equal(credentialNameKind(name), undefined, name);
  }
  for (const [name, kind] of [
    ['DB_PASSWORD', 'password'],
    ['PGPASSWORD', 'password'],
    ['MYSQLROOTPASSWORD', 'password'],
    ['SECRET_KEY_BASE', 'secret key'],
    ['API_TOKEN_V2', 'token'],
    ['GITHUB_TOKEN', 'token'],
    ['AWS_SECRET_ACCESS_KEY', 'access key'],
  ]) {
    assert.equal(credentialNameKind(name), kind, name);
  }
});

test('a URL with an empty user and a password is a credential', () => {
  assert.deepEqual(
    scanText('redis://:Sup3rS3cretPw@redis:6379/0').map((d) => d.kind),
    ['URL with a password'],
  );
});
