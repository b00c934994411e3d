// Baseline: custom SELinux users, roles or types can give a container the host's SELinux privileges.
// Only the container types of the container-selinux policy are allowed; `level` is free.

import { defineRule } from '../../server/src/engine';
import { securityContextOwners } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { isSet, known, unknowable } from '../../server/src/engine';

const allowedTypes = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

export default defineRule({
  id: 'selinux-options',
  meta: {
    title: 'SELinux options must not grant custom users, roles or types',
    description: 'seLinuxOptions.type must be a container type and user and role must be empty.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0025'] },
    compliance: { cis: ['5.7.3'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'seLinuxOptions', level: 'baseline', versions: ['1.0', '1.31'] },
    messages: {
      type: '{owner} sets SELinux type "{value}"',
      user: '{owner} sets SELinux user "{value}"',
      role: '{owner} sets SELinux role "{value}"',
    },
  },
  fixTitles: { type: 'Remove the SELinux type from the {owner}', user: 'Remove the SELinux user from the {owner}', role: 'Remove the SELinux role from the {owner}' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    // container_engine_t (for container engines running inside containers) is allowed from 1.31.
    const types = new Set(ctx.atLeast('1.31') ? [...allowedTypes, 'container_engine_t'] : allowedTypes);
    for (const o of securityContextOwners(w)) {
      const owner = o.label;
      const root = o.root;
      for (const field of ['type', 'user', 'role'] as const) {
        const path = ['securityContext', 'seLinuxOptions', field];
        const node = o.get(path);
        if (!isSet(node) || unknowable(node)) continue;
        const value = String(known(node) ?? '');
        if (field === 'type' ? types.has(value) : value === '') continue;
        ctx.report({ node, messageId: field, data: { owner, value }, fix: removeBelow(w, root, path) });
      }
    }
  },
});
