// Baseline: an Unmasked /proc exposes kernel interfaces that the default mask hides. From 1.35 a pod
// in its own user namespace (hostUsers: false) may unmask /proc, because it cannot reach the host's.

import { defineRule } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { isSet, known, unknowable } from '../../server/src/engine';

export default defineRule({
  id: 'proc-mount',
  meta: {
    title: 'Containers must use the default /proc mask',
    description: 'securityContext.procMount must be unset or Default, unless (from 1.35) the pod sets hostUsers: false.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0027'], kubeLinter: ['unsafe-proc-mount'], polaris: ['procMount'] },
    compliance: { cis: ['5.7.3'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'procMount', level: 'baseline', versions: ['1.0', '1.35'] },
    messages: { unmasked: 'container "{container}" sets procMount "{procMount}"' },
  },
  fixTitles: { unmasked: 'Remove procMount from "{container}" (Default)' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    if (ctx.atLeast('1.35') && w.usesUserNamespace) return;
    for (const c of w.containers()) {
      const node = c.get(['securityContext', 'procMount']);
      if (!isSet(node) || known(node) === 'Default' || unknowable(node)) continue;
      ctx.report({ node, messageId: 'unmasked', data: { container: c.name, procMount: String(known(node) ?? '') }, fix: removeBelow(w, c.node, ['securityContext', 'procMount']) });
    }
  },
});
