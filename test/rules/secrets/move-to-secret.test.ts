// "Move to a Secret" loses nothing: the manifest no longer holds the value, the value is in the
// git-ignored Secret manifest the suggestion creates (which `.gitignore` then covers), the entry
// references that Secret and key, and the finding is gone. Also: reuse of a Secret that already holds
// the value, flow-style entries, block scalars, and the last-applied annotation's removal.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { applyEdits, check, lint, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { withFileChanges } from '../../../server/src/lsp/workspace-edit';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const config = mergeConfig();
const lintOf = (text: string) => check(text, { config, rules, onRuleError: (id, e) => assert.fail(`${id} threw ${String(e)}`) });

function moveFirst(text: string, ruleId = 'secret-in-env') {
  const finding = lintOf(text).findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `no ${ruleId} finding`);
  const suggestion = finding.suggestions[0];
  const file = parseManifest(text);
  const after = applyEdits(text, suggestion.apply(file));
  return { finding, suggestion, after, files: suggestion.files?.(file) ?? [] };
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: prod
spec:
  template:
    spec:
      containers:
        - name: shop
          image: shop:1
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_PASSWORD
              value: "Kx9-move-me-Wq2" # from the old setup
            - name: OTHER
              value: x
`;

describe('Move to a Secret', () => {
  test('rewrites the entry to secretKeyRef and writes the value to a git-ignored Secret manifest', () => {
    const { suggestion, after, files } = moveFirst(deployment);
    assert.equal(suggestion.title, 'Move DB_PASSWORD to Secret shop-secrets (value saved in git-ignored shop.secret.yaml)');
    assert.ok(!after.includes('Kx9-move-me-Wq2'), 'the manifest still holds the value');
    assert.equal(
      after,
      deployment.replace(
        '              value: "Kx9-move-me-Wq2" # from the old setup',
        '              valueFrom:\n                secretKeyRef:\n                  name: shop-secrets\n                  key: DB_PASSWORD # from the old setup',
      ),
    );
    assert.deepEqual(parseManifest(after).problems, []);
    assert.deepEqual(
      lintOf(after).findings.filter((f) => f.ruleId === 'secret-in-env'),
      [],
      'the finding is gone',
    );

    assert.deepEqual(
      files.map((f) => [f.path, f.mode]),
      [
        ['shop.secret.yaml', 'append'],
        ['.gitignore', 'append'],
      ],
    );
    assert.equal(files[1].text, '*.secret.yaml\n');
    assert.equal(files[1].once, true);
    // The value is where the suggestion said: a Secret named as the reference says, under the same key.
    const secret = parseDocument(files[0].text).toJS();
    assert.deepEqual(secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-secrets', namespace: 'prod' }, type: 'Opaque', stringData: { DB_PASSWORD: 'Kx9-move-me-Wq2' } });
    const ref = parseDocument(after).getIn(['spec', 'template', 'spec', 'containers', 0, 'env', 1, 'valueFrom', 'secretKeyRef']) as { toJSON(): unknown };
    assert.deepEqual(ref.toJSON(), { name: 'shop-secrets', key: 'DB_PASSWORD' });
  });

  test('values with quotes, backslashes, unicode and line breaks round-trip into the Secret', () => {
    const value = 'Kx9 "quoted" \\ back\u00e9\nsecond line';
    const text = deployment.replace('"Kx9-move-me-Wq2"', JSON.stringify(value));
    const { files, after } = moveFirst(text);
    assert.equal((parseDocument(files[0].text).toJS() as { stringData: Record<string, string> }).stringData.DB_PASSWORD, value);
    assert.ok(!after.includes('back\u00e9'));
  });

  test('a block scalar value and a flow-style entry', () => {
    const block = deployment.replace('              value: "Kx9-move-me-Wq2" # from the old setup\n', '              value: |\n                Kx9-block-Wq2\n');
    const b = moveFirst(block);
    assert.ok(!b.after.includes('Kx9-block-Wq2'));
    assert.deepEqual(parseManifest(b.after).problems, []);
    assert.equal((parseDocument(b.files[0].text).toJS() as { stringData: Record<string, string> }).stringData.DB_PASSWORD, 'Kx9-block-Wq2\n');
    assert.ok(b.after.includes('                  key: DB_PASSWORD\n            - name: OTHER'), b.after);

    const flow = deployment.replace('            - name: DB_PASSWORD\n              value: "Kx9-move-me-Wq2" # from the old setup\n', '            - {name: DB_PASSWORD, value: Kx9-flow-Wq2}\n');
    const f = moveFirst(flow);
    assert.ok(f.after.includes('- {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: shop-secrets, key: DB_PASSWORD}}}'), f.after);
    assert.deepEqual(
      lintOf(f.after).findings.filter((x) => x.ruleId === 'secret-in-env'),
      [],
    );
  });

  test('references a Secret of the same file and namespace that already holds the value, and writes no file', () => {
    const text = `${deployment}---
apiVersion: v1
kind: Secret
metadata:
  name: shop-db
  namespace: prod
data:
  DB_PASSWORD: ${Buffer.from('Kx9-move-me-Wq2').toString('base64')}
`;
    const { suggestion, after, files } = moveFirst(text);
    assert.equal(suggestion.title, 'Use key DB_PASSWORD of Secret shop-db for DB_PASSWORD');
    assert.equal(suggestion.files, undefined);
    assert.deepEqual(files, []);
    assert.ok(after.includes('name: shop-db\n                  key: DB_PASSWORD'));
    assert.ok(!after.includes('Kx9-move-me-Wq2'));
  });

  test('a Secret holding a different value under the key is not reused (that would change the value)', () => {
    const text = `${deployment}---
apiVersion: v1
kind: Secret
metadata:
  name: shop-db
  namespace: prod
stringData:
  DB_PASSWORD: Kx9-another-Wq2
`;
    assert.match(moveFirst(text).suggestion.title, /^Move DB_PASSWORD to Secret shop-secrets/);
  });

  test('two values of one workload go to its one Secret', () => {
    const text = deployment.replace('name: OTHER\n              value: x', 'name: API_TOKEN\n              value: Kx9-token-Wq2');
    const findings = lintOf(text).findings.filter((f) => f.ruleId === 'secret-in-env');
    const names = findings.map((f) => (parseDocument(f.suggestions[0].files!(parseManifest(text))[0].text).toJS() as { metadata: { name: string } }).metadata.name);
    assert.deepEqual(names, ['shop-secrets', 'shop-secrets']);
  });

  test('in the editor: the Secret file is created, the .gitignore entry is added once', () => {
    const { files } = moveFirst(deployment);
    const uri = 'file:///work/app/deploy.yaml';
    const fresh = withFileChanges({ documentChanges: [] }, uri, files, () => undefined);
    assert.deepEqual(
      fresh.documentChanges!.filter((c) => 'kind' in c).map((c) => (c as { uri: string }).uri),
      ['file:///work/app/shop.secret.yaml', 'file:///work/app/.gitignore'],
    );
    const existing = withFileChanges({ documentChanges: [] }, uri, files, (u) => (u.endsWith('.gitignore') ? 'node_modules\n*.secret.yaml\n' : undefined));
    assert.ok(!JSON.stringify(existing).includes('.gitignore'), 'the entry was appended twice');
    const other = withFileChanges({ documentChanges: [] }, uri, files, (u) => (u.endsWith('.gitignore') ? 'node_modules\n' : undefined));
    assert.ok(JSON.stringify(other).includes('*.secret.yaml'));
  });

  test('suggestions are never applied by fix-all', async () => {
    const { fixAll } = await import('../../../server/src/engine');
    assert.equal(fixAll(deployment, { config, rules }).text.includes('Kx9-move-me-Wq2'), true);
  });
});

describe('Remove the last-applied-configuration annotation', () => {
  test('removes only the annotation, and the finding with it', () => {
    const text = `apiVersion: v1
kind: Secret
metadata:
  name: db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Secret","data":{"password":"${Buffer.from('Kx9-last-Wq2').toString('base64')}"}}'
    team: data
`;
    const { after } = moveFirst(text, 'secret-in-last-applied');
    assert.equal(after, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n    team: data\n');
  });
});

test('the same variable in two containers moves to two keys, so no value replaces another', () => {
  const text =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: migrate\n        image: x\n        env:\n        - {name: DB_PASSWORD, value: "Aaaa1111bbbb"}\n      containers:\n      - name: app\n        image: x\n        env:\n        - {name: DB_PASSWORD, value: "Cccc2222dddd"}\n';
  const config = mergeConfig();
  const findings = check(text, { config, rules }).findings.filter((f) => f.ruleId === 'secret-in-env');
  assert.equal(findings.length, 2);
  const names = findings.map((f) => {
    const file = parseManifest(text);
    const s = f.suggestions[0];
    const out = applyEdits(text, s.apply(file));
    return /key: ([\w-]+)/.exec(out.slice(out.indexOf('secretKeyRef')))![1];
  });
  assert.deepEqual(names.sort(), ['app_DB_PASSWORD', 'migrate_DB_PASSWORD']);
});

test('a Secret of another file that holds the key is offered after the move, which keeps the value', () => {
  const model = workspaceOf({ '/ws/secrets.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  DB_PASSWORD: from-the-vault-export\n' });
  const text =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: x\n        env:\n        - name: DB_PASSWORD\n          value: "Cccc2222dddd"\n';
  const file = parseManifest(text);
  const finding = lint(file, { config: mergeConfig(), rules, workspace: viewOf(model, '/ws/deploy.yaml', text) }).findings.find((f) => f.ruleId === 'secret-in-env')!;
  assert.deepEqual(
    finding.suggestions.map((s) => s.title),
    ['Move DB_PASSWORD to Secret shop-secrets (value saved in git-ignored deploy.secret.yaml)', 'Use key DB_PASSWORD of the existing Secret db (secrets.yaml) for DB_PASSWORD'],
  );
  const out = applyEdits(text, finding.suggestions[1].apply(file));
  assert.ok(!out.includes('Cccc2222dddd'));
  assert.match(out, /secretKeyRef:\n\s+name: db\n\s+key: DB_PASSWORD/);
});
