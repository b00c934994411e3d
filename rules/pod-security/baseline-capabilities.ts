// Baseline: containers may add only the capabilities a default container runtime grants anyway;
// anything else (NET_RAW, SYS_ADMIN, …) widens the kernel surface a compromised process can reach.

import { asSeq, defineRule } from '../../server/src/engine';
import { baselineCapabilities } from './capabilities';
import { removeItems } from '../../server/src/engine';
import { known, unknowable } from '../../server/src/engine';

export default defineRule({
  id: 'baseline-capabilities',
  meta: {
    title: 'Containers must not add non-default capabilities',
    description: 'capabilities.add may hold only the default capabilities of container runtimes.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0022'], checkov: ['CKV_K8S_25'], polaris: ['dangerousCapabilities'], kubescape: ['C-0046', 'C-0200'] },
    compliance: { cis: ['5.2.9'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'capabilities_baseline', level: 'baseline', versions: ['1.0'] },
    messages: { added: 'container "{container}" adds capability {capability}' },
  },
  fixTitles: { added: 'Remove the non-default capabilities of "{container}"' },
  check(ctx) {
    for (const c of ctx.workload?.containers() ?? []) {
      const path = ['securityContext', 'capabilities', 'add'];
      const add = asSeq(c.get(path));
      if (!add) continue;
      const bad: number[] = [];
      add.items.forEach((_, i) => {
        const node = c.get([...path, i]);
        if (unknowable(node)) return;
        if (!baselineCapabilities.has(String(known(node)))) bad.push(i);
      });
      const fix = removeItems(c.workload, c.node, path, bad);
      for (const i of bad) {
        ctx.report({ node: c.get([...path, i])!, messageId: 'added', data: { container: c.name, capability: String(known(c.get([...path, i])) ?? '') }, fix });
      }
    }
  },
});
