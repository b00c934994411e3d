// RBAC across the workspace: what a workload could do if one of its containers were compromised.
// Its ServiceAccount is followed through every binding of the workspace to the roles they bind;
// the most dangerous permission found is reported on `serviceAccountName` (on the workload's name
// when it runs as `default`), naming the binding and role that grant it.

import { defineRule } from '../../server/src/engine';
import { workloadAccount } from './account';
import { accounts, bindings, roles } from './facts';
import { dangerousGrants, Grant, grantsOf, scopeWords } from './graph';
import { moveOffDefault } from './move-account';
import { dangerWords } from './permissions';

export function viaWords(grant: Grant): string {
  const role = `${grant.role.kind} "${grant.role.name}"${grant.role.builtin ? ' (built in)' : ''}`;
  return `${grant.binding.kind} "${grant.binding.name || '(unnamed)'}" to ${role}`;
}

export default defineRule({
  id: 'rbac-workload-permissions',
  meta: {
    title: "A workload's ServiceAccount should hold no dangerous permission",
    description: 'Follows the ServiceAccount of each workload through the bindings and roles of the workspace; a compromised container can use every permission its account holds.',
    category: 'rbac',
    severity: 'warning',
    equivalents: 'none',
    compliance: { cis: ['5.1.5'], nsa: ['rbac'] },
    kinds: 'workload',
    scope: 'workspace',
    reads: [roles, bindings, accounts],
    fix: 'suggestion',
    messages: {
      dangerous: '{kind} "{name}" runs as ServiceAccount "{account}", which can {permission} {where} through {binding}',
    },
  },
  check(ctx) {
    const { resource, workload } = ctx;
    if (!workload || ctx.partial) return;
    const account = workloadAccount(resource, workload);
    if (!account) return;
    const found = dangerousGrants(grantsOf(ctx.workspace, account));
    if (found.length === 0) return;
    const [{ danger, grant }] = found;
    const more = found.length > 1 ? ` (and ${found.length - 1} more dangerous permission${found.length > 2 ? 's' : ''})` : '';
    ctx.report({
      node: account.node,
      messageId: 'dangerous',
      data: { kind: resource.kind, name: resource.name || '(unnamed)', account: account.name, permission: dangerWords[danger] + more, where: scopeWords(grant.scope), binding: viaWords(grant) },
      suggestions: moveOffDefault(ctx.workspace, resource, workload, account),
    });
  },
});
