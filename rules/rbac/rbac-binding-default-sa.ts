// RBAC: permissions bound to a namespace's `default` ServiceAccount go to every pod of the namespace
// that names no account of its own, today's and tomorrow's.

import { defineRule } from '../../server/src/engine';
import { bindingKinds } from './entries';
import { roleRefOf, subjectsOf } from './bindings';

export default defineRule({
  id: 'rbac-binding-default-sa',
  meta: {
    title: 'Bindings should not grant to the default ServiceAccount',
    description: "Every pod that names no ServiceAccount runs as its namespace's `default` one, so a permission bound to it goes to all of them.",
    category: 'rbac',
    severity: 'warning',
    equivalents: 'none',
    compliance: { cis: ['5.1.5'], nsa: ['rbac'] },
    kinds: bindingKinds,
    scope: 'document',
    fix: 'none',
    messages: { defaultAccount: '{kind} "{name}" grants "{target}" to the default ServiceAccount, so to every pod of {where} without an account of its own' },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.resource);
    if (!ref) return;
    for (const s of subjectsOf(ctx.resource)) {
      if (s.kind !== 'ServiceAccount' || s.name !== 'default') continue;
      const ns = s.namespace ?? ctx.resource.namespace;
      const where = ns ? `namespace ${ns}` : 'its namespace';
      ctx.report({ node: s.nameNode, messageId: 'defaultAccount', data: { kind: ctx.resource.kind, name: ctx.resource.name || '(unnamed)', target: ref.name, where } });
    }
  },
});
