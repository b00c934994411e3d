import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, check, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const bind = role(entry('rbac.authorization.k8s.io', 'clusterroles', 'get, bind'));
const only = role(entry('""', 'configmaps', 'get') + entry('""', 'users, groups', 'impersonate'));
const escalate = role(entry('rbac.authorization.k8s.io', 'roles', 'escalate'), 'Role', 'r', 'shop');

ruleTester('rbac-escalation-verbs', {
  valid: [
    { name: 'reading roles', code: role(entry('rbac.authorization.k8s.io', 'roles', 'get, list')) },
    { name: 'every verb is the wildcard rule', code: role(entry('rbac.authorization.k8s.io', 'roles', '"*"')) },
  ],
  invalid: [
    { name: 'bind beside get', code: bind, errors: [at(bind, 'bind', 'granted')], output: null, suggestions: true },
    { name: 'impersonate alone in its rule', code: only, errors: [at(only, 'impersonate', 'granted')], output: null, suggestions: true },
    { name: 'escalate, the only rule', code: escalate, errors: [at(escalate, 'escalate', 'granted')], output: null, suggestions: true },
  ],
});

const suggested = (code: string) => {
  const finding = check(code, { config: mergeConfig(), rules }).findings.find((f) => f.ruleId === 'rbac-escalation-verbs')!;
  return applyEdits(code, finding.suggestions[0].apply(parseManifest(code)));
};

test('removing the verb keeps the others; removing the only verb removes its rule entry', () => {
  assert.equal(suggested(bind), role(entry('rbac.authorization.k8s.io', 'clusterroles', 'get')));
  assert.equal(suggested(only), role(entry('""', 'configmaps', 'get')));
  assert.match(suggested(escalate), /rules: \[\]\n$/);
});
