// RBAC: bindings to the groups every request, or every user, belongs to. `system:masters` bypasses
// authorization altogether; `system:anonymous` and `system:unauthenticated` are anyone who can
// reach the API server; `system:authenticated` is every user and every ServiceAccount. The
// discovery roles the cluster binds to them itself are left alone.

import { defineRule } from '../../server/src/engine';
import { bindingKinds } from './entries';
import { roleRefOf, subjectsOf } from './bindings';

const everyone = new Set(['system:anonymous', 'system:unauthenticated', 'system:authenticated']);
const discovery = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

export default defineRule({
  id: 'rbac-binding-system-groups',
  meta: {
    title: 'Bindings must not grant to system:masters or to everyone',
    description: 'Binding `system:masters`, `system:anonymous`, `system:unauthenticated` or `system:authenticated` gives a permission to every client of the cluster, or bypasses authorization.',
    category: 'rbac',
    severity: 'error',
    equivalents: 'none',
    compliance: { nsa: ['rbac'] },
    kinds: bindingKinds,
    scope: 'document',
    fix: 'none',
    messages: {
      masters: '{kind} "{name}" names the group system:masters, whose members bypass authorization',
      everyone: '{kind} "{name}" grants "{target}" to {value}',
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.resource);
    if (!ref) return;
    const data = { kind: ctx.resource.kind, name: ctx.resource.name || '(unnamed)', target: ref.name };
    for (const s of subjectsOf(ctx.resource)) {
      if (s.kind === 'Group' && s.name === 'system:masters') ctx.report({ node: s.nameNode, messageId: 'masters', data });
      else if ((s.kind === 'Group' || s.kind === 'User') && everyone.has(s.name) && !(ref.kind === 'ClusterRole' && discovery.has(ref.name))) {
        const value = s.name === 'system:authenticated' ? 'every user and ServiceAccount' : 'anonymous clients';
        ctx.report({ node: s.nameNode, messageId: 'everyone', data: { ...data, value } });
      }
    }
  },
});
