// RBAC: `escalate`, `bind` and `impersonate` are the verbs that step around RBAC's own guard
// against privilege escalation. Suggests removing the verb (the whole rule entry when it is the
// only one): a permission change, so never a safe fix.

import { removeIn, Resource, Suggestion } from '../../server/src/engine';
import { dangerRule } from './danger-rule';
import { RuleEntry } from './entries';
import { Danger } from './permissions';

function removeVerb(resource: Resource, entry: RuleEntry, danger: Danger): Suggestion[] {
  const item = entry.verbs.find((v) => v.value === danger.value);
  if (!item || !entry.verbsSeq) return [];
  const only = entry.verbsSeq.items.length === 1;
  const path = only ? ['rules', entry.index] : ['rules', entry.index, 'verbs', item.index];
  const title = only ? `Remove the rule granting only "${danger.value}" (assumes nothing relies on it)` : `Remove the verb "${danger.value}" (assumes nothing relies on it)`;
  return [{ title, fix: (file) => removeIn({ text: file.text, doc: resource.doc }, resource.root, path, 1) }];
}

export default dangerRule({
  id: 'rbac-escalation-verbs',
  dangers: ['escalate', 'bind', 'impersonate'],
  message: '{kind} "{name}" grants the verb "{value}", which steps around the guard against privilege escalation',
  meta: {
    title: 'Roles must not grant escalate, bind or impersonate',
    description: '`escalate` lets the holder write Roles with permissions it lacks, `bind` lets it bind them, and `impersonate` lets it act as another user, group or ServiceAccount.',
    severity: 'error',
    equivalents: { trivy: ['KSV-0043'], checkov: ['CKV_K8S_157', 'CKV_K8S_158'], kubescape: ['C-0065'] },
    compliance: { cis: ['5.1.8'], nsa: ['rbac'] },
    fix: 'suggestion',
  },
  suggest: removeVerb,
});
