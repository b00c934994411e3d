import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, mergeConfig } from '../../server/src/engine';
import { rules } from '../../rules';

test('smoke', () => {
  const r = check('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n', { config: mergeConfig(), rules });
  assert.ok(r.findings.length > 0);
});
