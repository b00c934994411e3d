// The rule list behind "Show rules" (server/src/lsp/rules-list.ts) says what is true at the configured
// level and version: restricted rules are not checked at baseline, a check is not checked before its
// version, and a baseline check that restricted replaces is checked as part of the restricted rule.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeConfig } from '../../server/src/engine';
import { listRules } from '../../server/src/lsp/rules-list';
import { ruleItem } from '../../client/src/presentation';

const state = (level: 'privileged' | 'baseline' | 'restricted', kubernetesVersion = '1.37') => {
  const rules = listRules(mergeConfig({ podSecurityLevel: level, kubernetesVersion }), true).rules;
  return (id: string) => rules.find((r) => r.id === id)!;
};

test('at baseline the restricted rules are off and say why; the baseline rules are on', () => {
  const rule = state('baseline');
  assert.equal(rule('allow-privilege-escalation').enabled, false);
  assert.equal(rule('allow-privilege-escalation').note, 'not checked at level baseline');
  assert.match(ruleItem(rule('allow-privilege-escalation')).detail, /· off · not checked at level baseline$/);
  assert.equal(rule('privileged-container').enabled, true);
  assert.equal(rule('privileged-container').note, undefined);
  // Rules outside the Pod Security Standards do not depend on the level.
  assert.equal(rule('secret-in-env').enabled, true);
});

test('at restricted every Pod Security rule is checked; the replaced baseline ones as part of their restricted rule', () => {
  const rule = state('restricted');
  assert.equal(rule('allow-privilege-escalation').enabled, true);
  assert.deepEqual([rule('baseline-capabilities').enabled, rule('baseline-capabilities').note], [true, 'checked as part of restricted-capabilities']);
  assert.equal(state('privileged')('privileged-container').note, 'not checked at level privileged');
});

test('a check is not checked before the version it starts at', () => {
  const rule = state('baseline', '1.33')('host-probes-and-lifecycle');
  assert.deepEqual([rule.enabled, rule.note], [false, 'not checked before Kubernetes 1.34']);
  assert.equal(state('baseline', '1.34')('host-probes-and-lifecycle').enabled, true);
});

test('a rule turned off is off, with no level note', () => {
  const rules = listRules(mergeConfig({ rules: { 'allow-privilege-escalation': 'off' } }), true).rules;
  const rule = rules.find((r) => r.id === 'allow-privilege-escalation')!;
  assert.deepEqual([rule.enabled, rule.note], [false, undefined]);
  assert.ok(listRules(mergeConfig(), false).rules.every((r) => !r.enabled));
});
