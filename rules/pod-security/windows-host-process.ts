// Baseline: Windows HostProcess containers run directly on the host with full access to it.
// Turning it off breaks such a container by design, so the fix is only a suggestion.

import { defineRule } from '../../server/src/engine';
import { securityContextOwners } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { known } from '../../server/src/engine';

export default defineRule({
  id: 'windows-host-process',
  meta: {
    title: 'Windows pods must not run HostProcess containers',
    description: 'windowsOptions.hostProcess must not be true for the pod or any container.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0103'], polaris: ['hostProcess'], kubescape: ['C-0202'] },
    compliance: { cis: ['5.2.11'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'suggestion',
    pss: { check: 'windowsHostProcess', level: 'baseline', versions: ['1.0'] },
    messages: { hostProcess: '{owner} runs as a Windows HostProcess' },
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const o of securityContextOwners(w)) {
      const owner = o.label;
      const path = ['securityContext', 'windowsOptions', 'hostProcess'];
      const node = o.get(path);
      if (known(node) !== true) continue;
      const root = o.root;
      ctx.report({ node: node!, messageId: 'hostProcess', data: { owner }, suggestions: [{ title: `Remove hostProcess from the ${owner}`, fix: removeBelow(w, root, path) }] });
    }
  },
});
