// RBAC: `*` in verbs, resources or apiGroups grants what exists today and whatever is added later
// (a new CRD, a new subresource). All three at once is cluster-admin, reported once. Suggests
// read-only verbs in place of `verbs: ["*"]`: a permission change, so never a safe fix.

import { defineRule, pairOf, replaceEntry, Resource, Suggestion } from '../../server/src/engine';
import type { Pair } from '../../server/src/engine';
import { ListItem, RuleEntry, ruleEntries, roleKinds } from './entries';

const readOnly = ['get', 'list', 'watch'];

function readOnlyVerbs(resource: Resource, entry: RuleEntry): Suggestion[] {
  const pair = pairOf(entry.map, 'verbs', resource.doc) as Pair | undefined;
  if (!pair) return [];
  return [
    {
      title: 'Replace the verbs with get, list, watch (assumes the holder only reads)',
      fix: (file) => replaceEntry({ text: file.text, doc: resource.doc }, pair, entry.map.flow === true, 'verbs', readOnly),
    },
  ];
}

const star = (items: readonly ListItem[]) => items.find((i) => i.value === '*');

export default defineRule({
  id: 'rbac-wildcard',
  meta: {
    title: 'Roles should not use wildcards',
    description: 'A `*` in `verbs`, `resources` or `apiGroups` grants every verb, resource or group, including those added to the cluster later.',
    category: 'rbac',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0044', 'KSV-0045', 'KSV-0046'], checkov: ['CKV_K8S_49'], kubeLinter: ['wildcard-in-rules'], kubescape: ['C-0187'] },
    compliance: { cis: ['5.1.3'], nsa: ['rbac'] },
    kinds: roleKinds,
    scope: 'document',
    fix: 'suggestion',
    messages: {
      everything: '{kind} "{name}" can do anything to every resource of every API group, as cluster-admin can',
      verbs: '{kind} "{name}" grants every verb, writes and deletes included',
      resources: '{kind} "{name}" grants access to every resource of its API groups',
      groups: '{kind} "{name}" grants its resources in every API group',
    },
  },
  check(ctx) {
    const { resource } = ctx;
    const data = { kind: resource.kind, name: resource.name || '(unnamed)' };
    for (const entry of ruleEntries(resource)) {
      // A rule of `nonResourceURLs` (health and metrics paths) has no resources to wildcard.
      if (entry.rule.resources.length === 0) continue;
      const [verb, res, group] = [star(entry.verbs), star(entry.resources), star(entry.apiGroups)];
      if (verb && res && group) {
        // Read-only verbs on everything would still read every Secret: no suggestion to offer.
        ctx.report({ node: res.node, messageId: 'everything', data });
        continue;
      }
      if (verb) ctx.report({ node: verb.node, messageId: 'verbs', data, suggestions: readOnlyVerbs(resource, entry) });
      if (res) ctx.report({ node: res.node, messageId: 'resources', data });
      if (group && !verb && !res) ctx.report({ node: group.node, messageId: 'groups', data });
    }
  },
});
