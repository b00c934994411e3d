// Restricted from 1.23: runAsUser must not be 0, which would override runAsNonRoot's intent.
// From 1.35 a pod in its own user namespace (hostUsers: false) is exempt.

import { defineRule } from '../../server/src/engine';
import { securityContextOwners } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { known } from '../../server/src/engine';

export default defineRule({
  id: 'run-as-user',
  meta: {
    title: 'Containers must not run as user 0',
    description: 'runAsUser must not be 0 for the pod or any container.',
    category: 'pod-security',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0105'] },
    compliance: { cis: ['5.2.7'], nsa: ['non-root', 'pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'runAsUser', level: 'restricted', versions: ['1.23', '1.35'] },
    messages: { root: '{owner} sets runAsUser: 0 (root)' },
  },
  fixTitles: { root: 'Remove runAsUser: 0 from the {owner}' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    if (ctx.atLeast('1.35') && w.usesUserNamespace) return;
    for (const o of securityContextOwners(w)) {
      const owner = o.label;
      const node = o.get(['securityContext', 'runAsUser']);
      if (known(node) !== 0) continue;
      const root = o.root;
      ctx.report({ node: node!, messageId: 'root', data: { owner }, fix: removeBelow(w, root, ['securityContext', 'runAsUser']) });
    }
  },
});
