// RBAC across the workspace: a binding to a ServiceAccount that no manifest of the workspace
// declares. Often a typo or a leftover of a renamed account (whose permissions then wait for
// whoever creates an account of that name); sometimes an account made elsewhere. Hence info.
// Accounts the cluster makes itself (kube-system's controllers, every namespace's `default`) are not
// expected in the workspace.

import { defineRule, isTemplatedText } from '../../server/src/engine';
import { bindingKinds } from './entries';
import { subjectsOf } from './bindings';
import { accounts } from './facts';
import { accountFacts } from './graph';

export default defineRule({
  id: 'rbac-binding-missing-account',
  meta: {
    title: 'Bindings should name ServiceAccounts the workspace declares',
    description: 'A binding whose ServiceAccount subject no manifest of the workspace declares grants its role to whoever later creates an account of that name.',
    category: 'rbac',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: bindingKinds,
    scope: 'workspace',
    reads: [accounts],
    fix: 'none',
    messages: { missing: 'ServiceAccount "{name}" of {where} is not declared in the workspace' },
  },
  check(ctx) {
    const { resource } = ctx;
    if (ctx.partial) return;
    for (const s of subjectsOf(resource)) {
      if (s.kind !== 'ServiceAccount' || s.name === 'default') continue;
      const namespace = s.namespace ?? (resource.kind === 'RoleBinding' ? resource.namespace : null);
      if (namespace === 'kube-system' || (namespace !== null && isTemplatedText(namespace)) || isTemplatedText(s.name)) continue;
      if (accountFacts(ctx.workspace, { name: s.name, namespace }).length > 0) continue;
      ctx.report({ node: s.nameNode, messageId: 'missing', data: { name: s.name, where: namespace ? `namespace ${namespace}` : 'the binding' } });
    }
  },
});
