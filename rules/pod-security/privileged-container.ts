// Baseline: privileged containers get every capability and all host devices; they are root on the node.

import { defineRule } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { known } from '../../server/src/engine';

export default defineRule({
  id: 'privileged-container',
  meta: {
    title: 'Containers must not be privileged',
    description: 'No container may set securityContext.privileged to true.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0017'], checkov: ['CKV_K8S_16'], kubeLinter: ['privileged-container'], polaris: ['runAsPrivileged'], kubescape: ['C-0057', 'C-0193'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'privileged', level: 'baseline', versions: ['1.0'] },
    messages: { privileged: 'container "{container}" is privileged' },
  },
  fixTitles: { privileged: 'Remove privileged: true from "{container}"' },
  check(ctx) {
    for (const c of ctx.workload?.containers() ?? []) {
      const node = c.get(['securityContext', 'privileged']);
      if (known(node) !== true) continue;
      ctx.report({ node: node!, messageId: 'privileged', data: { container: c.name }, fix: removeBelow(c.workload, c.node, ['securityContext', 'privileged']) });
    }
  },
});
