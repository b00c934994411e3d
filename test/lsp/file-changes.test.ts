// Suggestions that write other files: a new file is created (never overwritten), text is appended
// at the end of an existing file, and paths resolve beside the manifest.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withFileChanges } from '../../server/src/lsp/workspace-edit';

const manifest = 'file:///work/app/deploy.yaml';

test('create makes a new file beside the manifest with its text', () => {
  const edit = withFileChanges({ documentChanges: [] }, manifest, [{ path: 'secrets/app.secret.yaml', mode: 'create', text: 'kind: Secret\n' }], () => undefined);
  assert.deepEqual(edit.documentChanges, [
    { kind: 'create', uri: 'file:///work/app/secrets/app.secret.yaml', options: { ignoreIfExists: true } },
    {
      textDocument: { uri: 'file:///work/app/secrets/app.secret.yaml', version: null },
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'kind: Secret\n' }],
    },
  ]);
});

test('create never overwrites an existing file', () => {
  const edit = withFileChanges({ documentChanges: [] }, manifest, [{ path: 'x.yaml', mode: 'create', text: 'new' }], () => 'old');
  assert.deepEqual(edit.documentChanges, []);
});

test('append adds at the end, on a line of its own', () => {
  const edit = withFileChanges({ documentChanges: [] }, manifest, [{ path: '../.gitignore', mode: 'append', text: '*.secret.yaml\n' }], () => 'node_modules');
  assert.deepEqual(edit.documentChanges, [
    { textDocument: { uri: 'file:///work/.gitignore', version: null }, edits: [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, newText: '\n*.secret.yaml\n' }] },
  ]);
});
