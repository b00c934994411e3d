// Tab indentation: one syntax error per tab-indented line, on the tabs, saying to indent with spaces;
// and the fix that replaces the tabs when the lines are clearly the value of the key above them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, parseManifest, tabIndentFix, tabIndentMessage } from '../../server/src/engine';
import { seedWebhook as seed } from '../helpers/seed-webhook';

const tabProblems = (text: string) => parseManifest(text).problems.filter((p) => p.message === tabIndentMessage);

test('the seed webhook: each tab-indented line gets the tab message on its tab', () => {
  const problems = tabProblems(seed);
  assert.equal(problems.length, 4);
  for (const p of problems) assert.equal(seed.slice(p.offset, p.offset + p.length), '\t');
});

test('the fix indents the block under the key that opens it, keeping the depths inside it', () => {
  const fix = tabIndentFix(seed, tabProblems(seed)[2].offset);
  assert.ok(fix);
  assert.equal(fix.title, 'Replace the tabs of 4 lines with spaces');
  const fixed = applyEdits(seed, fix.edits);
  assert.ok(fixed.includes('    clientConfig:\n      service:\n        name: run-as-non-root-webhook\n        namespace: kube-system\n        Path: \u201c/mutate\u201d\n'), fixed);
  assert.deepEqual(tabProblems(fixed), []);
  // Only the tabs changed: the same text once tabs and the spaces that replaced them are dropped.
  assert.equal(fixed.replace(/^[ \t]+/gm, ''), seed.replace(/^[ \t]+/gm, ''));
});

test('no fix where the structure meant is not clear', () => {
  const after = (parent: string, block: string) => {
    const text = `a:\n${parent}\n${block}`;
    return tabIndentFix(text, text.indexOf('\t'));
  };
  assert.ok(after('  b:', '\tc: 1\n\td: 2\n'), 'under a key that opens a block');
  assert.ok(after('  - b:  # comment', '\tc: 1\n'), 'under a list item that opens a block, after a comment');
  assert.equal(after('  b: 1', '\tc: 1\n'), undefined, 'a sibling or a child? depends on the tab width');
  assert.equal(after('  b:', '\tc:\n\t\td: 1\n'), undefined, 'two tabs against one: depths depend on the tab width');
  assert.equal(tabIndentFix('\ta: 1\n', 0), undefined, 'nothing above');
});
