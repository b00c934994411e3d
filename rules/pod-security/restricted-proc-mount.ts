// Restricted from 1.35: /proc must keep its default mask even in a user namespace.

import { defineRule } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { isSet, known, unknowable } from '../../server/src/engine';

export default defineRule({
  id: 'restricted-proc-mount',
  meta: {
    title: 'Containers must use the default /proc mask, even in a user namespace',
    description: 'securityContext.procMount must be unset or Default, whatever hostUsers says.',
    category: 'pod-security',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0027'], kubeLinter: ['unsafe-proc-mount'], polaris: ['procMount'] },
    compliance: { cis: ['5.7.3'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'procMount_restricted', level: 'restricted', versions: ['1.35'], overrides: { check: 'procMount', from: '1.35' } },
    messages: { unmasked: 'container "{container}" sets procMount "{procMount}"' },
  },
  fixTitles: { unmasked: 'Remove procMount from "{container}" (Default)' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const c of w.containers()) {
      const node = c.get(['securityContext', 'procMount']);
      if (!isSet(node) || known(node) === 'Default' || unknowable(node)) continue;
      // Outside a user namespace an unmasked /proc breaks baseline too.
      ctx.report({
        node,
        messageId: 'unmasked',
        data: { container: c.name, procMount: String(known(node) ?? '') },
        fix: removeBelow(w, c.node, ['securityContext', 'procMount']),
        breaksBaseline: !w.usesUserNamespace,
      });
    }
  },
});
