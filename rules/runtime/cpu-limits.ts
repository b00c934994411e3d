// Off by default: a CPU limit throttles a container even when the node has idle CPU (CFS quota),
// which adds latency and buys no safety (CPU is compressible: an unlimited container cannot starve
// its neighbours of their requests). Teams that want it for cost or fairness turn it on.

import { defineRule } from '../../server/src/engine';
import { limitRanges } from './facts';
import { missingResources, namespaceDefaults, resourcesAnchor } from './resources';

export default defineRule({
  id: 'cpu-limits',
  meta: {
    title: 'Containers should set CPU limits',
    description: 'Every container should set resources.limits.cpu, unless a LimitRange of its namespace supplies a default. Off by default.',
    category: 'runtime',
    severity: 'warning',
    enabledByDefault: false,
    equivalents: { trivy: ['KSV-0011'], checkov: ['CKV_K8S_11'], polaris: ['cpuLimitsMissing'], kubescape: ['C-0050'] },
    compliance: 'none',
    kinds: 'workload',
    scope: 'workspace',
    reads: [limitRanges],
    fix: 'none',
    messages: { missing: 'container "{container}" sets no CPU limit' },
    hint: 'Set `resources.limits.cpu`, or give the namespace a LimitRange with a default CPU limit.',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w || ctx.partial) return;
    const defaults = namespaceDefaults(ctx);
    if (!defaults) return;
    for (const c of w.containers(['containers', 'initContainers'])) {
      if (missingResources(c, ['cpu.limit'], defaults).length) ctx.report({ node: resourcesAnchor(c), commentAnchor: c.anchor, messageId: 'missing', data: { container: c.name } });
    }
  },
});
