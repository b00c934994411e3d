// Where "Move to a Secret" puts a value: a file named after the manifest (two environments of one
// folder never share one), a Secret name no Secret of the namespace has, never a file git tracks,
// and a title that says when nothing ignores the file. Also the refusal of an append that would
// declare an object twice in one file.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { applyEdits, Finding, lint, mergeConfig, parseManifest, redeclared } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const manifest = (password: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: web:1\n        env:\n        - name: DB_PASSWORD\n          value: "${password}"\n`;

function moveOf(model: ReturnType<typeof workspaceOf>, path: string, text: string): Finding['suggestions'][number] {
  const finding = lint(parseManifest(text), { config: mergeConfig(), rules, workspace: viewOf(model, path, text) }).findings.find((f) => f.ruleId === 'secret-in-env');
  assert.ok(finding, 'no secret-in-env finding');
  return finding.suggestions[0];
}

const secretOf = (text: string) => parseDocument(text).toJS() as { metadata: { name: string }; stringData: Record<string, string> };

test('web-dev.yaml and web-prod.yaml of one folder move their passwords into files of their own', () => {
  const dev = manifest('Dev-Pass-1111');
  const prod = manifest('Prod-Pass-2222');
  const model = workspaceOf({ '/ws/web-dev.yaml': dev, '/ws/web-prod.yaml': prod });
  const moves = [moveOf(model, '/ws/web-dev.yaml', dev), moveOf(model, '/ws/web-prod.yaml', prod)];
  const files = moves.map((m) => m.files!(parseManifest(''))[0]);
  assert.deepEqual(
    files.map((f) => f.path),
    ['web-dev.secret.yaml', 'web-prod.secret.yaml'],
  );
  assert.deepEqual(
    files.map((f) => secretOf(f.text).stringData.DB_PASSWORD),
    ['Dev-Pass-1111', 'Prod-Pass-2222'],
  );
  assert.equal(moves[0].title, 'Move DB_PASSWORD to Secret web-secrets (value saved in git-ignored web-dev.secret.yaml)');
});

test('the new Secret takes a name no Secret of the namespace has, so applying it replaces none', () => {
  const prod = manifest('Prod-Pass-2222');
  // The dev move already wrote its Secret, without a namespace: it may land beside prod's.
  const model = workspaceOf({
    '/ws/web-dev.secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\nstringData:\n  DB_PASSWORD: Dev-Pass-1111\n',
    '/ws/web-prod.secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets-2\n  namespace: prod\nstringData:\n  OTHER: x\n',
  });
  const move = moveOf(model, '/ws/web-prod.yaml', prod);
  assert.equal(secretOf(move.files!(parseManifest(''))[0].text).metadata.name, 'web-secrets-3');
  assert.match(move.title, /^Move DB_PASSWORD to Secret web-secrets-3 /);
});

test('a file git tracks never receives the value: the .local variant does, or no file at all', () => {
  const move = moveOf(workspaceOf(), '/ws/web.yaml', manifest('Kx9-Pass-3333'));
  const place = move.place!;
  assert.deepEqual(place.candidates, ['web.secret.yaml', 'web.local.secret.yaml']);
  const local = place.choose(['tracked', 'untracked'])!;
  assert.equal(local.title, 'Move DB_PASSWORD to Secret web-secrets (value saved in git-ignored web.local.secret.yaml)');
  assert.deepEqual(
    local.files.map((f) => f.path),
    ['web.local.secret.yaml', '.gitignore'],
  );
  assert.equal(place.choose(['tracked', 'tracked']), undefined);
  assert.equal(place.choose(['ignored', 'untracked'])!.files[0].path, 'web.secret.yaml');
  assert.equal(place.choose(['no-repository', 'no-repository'])!.title, 'Move DB_PASSWORD to Secret web-secrets (value saved in web.secret.yaml (not a git repository: nothing ignores it))');
});

test('an append that declares an object its file already declares is caught, namespaces counted', () => {
  const current = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\n  namespace: prod\n';
  assert.deepEqual(redeclared(current, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\n'), ['Secret/web-secrets']);
  assert.deepEqual(redeclared(current, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\n  namespace: dev\n'), []);
  assert.deepEqual(redeclared(current, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-secrets\n  namespace: prod\n'), []);
  assert.deepEqual(redeclared('sops:\n  mac: ENC[AES256_GCM,data:x]\n', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n'), []);
});

test("a workload's next value joins its Secret in the target file, under a key the Secret does not hold yet", () => {
  const text = manifest('Kx9-Second-Wq2').replace('DB_PASSWORD', 'API_TOKEN');
  const model = workspaceOf({ '/ws/web.secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\nstringData:\n  DB_PASSWORD: Kx9-First-Wq2\n' });
  const move = moveOf(model, '/ws/web.yaml', text);
  assert.equal(move.title, 'Move API_TOKEN to Secret web-secrets (value saved in git-ignored web.secret.yaml)');
  const [change] = move.files!(parseManifest(text));
  const current = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\nstringData:\n  DB_PASSWORD: Kx9-First-Wq2\n';
  const merged = change.merge!(current)!;
  assert.equal(applyEdits(current, merged), current + '  API_TOKEN: Kx9-Second-Wq2\n');
  // Nothing replaces a value: another value under the key withdraws the merge (the append is then refused).
  assert.equal(change.merge!(current.replace('DB_PASSWORD: Kx9-First-Wq2', 'API_TOKEN: other')), undefined);
  assert.deepEqual(change.merge!(current.replace('DB_PASSWORD: Kx9-First-Wq2', 'API_TOKEN: Kx9-Second-Wq2')), []);
  // A file without the workload's Secret gets the Secret appended.
  assert.equal(change.merge!('apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n'), undefined);

  // The same key with another value in the workload's Secret: the value goes under a key of its own.
  const clash = workspaceOf({ '/ws/web.secret.yaml': current.replace('DB_PASSWORD', 'API_TOKEN') });
  assert.match(moveOf(clash, '/ws/web.yaml', text).title, /^Move API_TOKEN to Secret web-secrets /);
  assert.match(applyEdits(text, moveOf(clash, '/ws/web.yaml', text).apply(parseManifest(text))), /key: API_TOKEN_2/);
});
