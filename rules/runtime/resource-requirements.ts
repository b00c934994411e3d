// Without a memory limit one container can take the node's memory and get its neighbours killed;
// without requests the scheduler places pods blind and they are the first evicted. CPU limits are
// a separate rule, off by default (see cpu-limits).

import { defineRule } from '../../server/src/engine';
import { limitRanges } from './facts';
import { listOf, missingResources, namespaceDefaults, resourcesAnchor } from './resources';

const wanted = ['memory.request', 'memory.limit', 'cpu.request'];

export default defineRule({
  id: 'resource-requirements',
  meta: {
    title: 'Containers should set memory requests and limits and CPU requests',
    description: 'Every container should set resources.requests.memory, resources.limits.memory and resources.requests.cpu, unless a LimitRange of its namespace supplies defaults.',
    category: 'runtime',
    severity: 'warning',
    equivalents: {
      trivy: ['KSV-0015', 'KSV-0016', 'KSV-0018'],
      checkov: ['CKV_K8S_10', 'CKV_K8S_12', 'CKV_K8S_13'],
      kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
      polaris: ['cpuRequestsMissing', 'memoryRequestsMissing', 'memoryLimitsMissing'],
      kubescape: ['C-0004', 'C-0050'],
    },
    compliance: 'none',
    kinds: 'workload',
    scope: 'workspace',
    reads: [limitRanges],
    fix: 'none',
    messages: { missing: 'container "{container}" sets no {missing}' },
    hint: 'Set `resources.requests` (memory and cpu) and `resources.limits.memory` from what the app uses, or give the namespace a LimitRange with defaults.',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w || ctx.partial) return;
    const defaults = namespaceDefaults(ctx);
    if (!defaults) return;
    for (const c of w.containers(['containers', 'initContainers'])) {
      const missing = missingResources(c, wanted, defaults);
      if (missing.length) ctx.report({ node: resourcesAnchor(c), commentAnchor: c.anchor, messageId: 'missing', data: { container: c.name, missing: listOf(missing) } });
    }
  },
});
