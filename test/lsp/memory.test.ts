// Editing a large file must not keep the text of every version: a chunk kept across edits held the
// whole text it was parsed from (through V8's sliced strings and a schema cache keyed by its root),
// so each keystroke in another document of the file kept one more copy of the file alive.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeConfig } from '../../server/src/engine';
import { DocumentAnalyzer } from '../../server/src/lsp/analysis';
import { rules } from '../../rules';
import { workspaceOf } from '../helpers/workspace';
import { manifest } from '../../bench/manifests';
import { heapUsed } from '../helpers/heap';

test('keystrokes in different documents of a large file keep no copy of earlier versions of its text', () => {
  let text = manifest(20_000);
  const analyzer = new DocumentAnalyzer();
  const options = { config: mergeConfig({}), rules, key: 'k', model: workspaceOf(), file: '/ws/big.yaml', shared: true };
  analyzer.analyze(text, options);
  // Once in each place first, so that what every version needs anyway (moved chunks' lists) is there.
  const edit = (k: number, edits: number) => {
    const at = text.indexOf('replicas: 2', Math.floor((k / edits) * text.length)) + 'replicas: '.length;
    text = text.slice(0, at) + (text[at] === '2' ? '3' : '2') + text.slice(at + 1);
    analyzer.analyze(text, options);
  };
  for (let k = 0; k < 30; k++) edit(k, 30);
  const before = heapUsed();
  for (let k = 0; k < 30; k++) edit(k, 30);
  const grown = (heapUsed() - before) / 1048576;
  // Each version's text is some 0.4 MB: keeping them grew the heap by 10 MB or more.
  assert.ok(grown < 4, `the heap grew by ${grown.toFixed(1)} MB over 30 keystrokes (text: ${(text.length / 1048576).toFixed(1)} MB)`);
});
