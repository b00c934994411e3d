// Baseline: privileged containers get every capability and all host devices; they are root on the node.

import { defineRule, Fix, replaceScalar, Scalar } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { known } from '../../server/src/engine';
import { bidirectionalMounts } from './api-constraints';

export default defineRule({
  id: 'privileged-container',
  meta: {
    title: 'Containers must not be privileged',
    description: 'No container may set securityContext.privileged to true.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0017'], checkov: ['CKV_K8S_16'], kubeLinter: ['privileged-container'], polaris: ['runAsPrivileged'], kubescape: ['C-0057', 'C-0193'] },
    compliance: { cis: ['5.2.2'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'privileged', level: 'baseline', versions: ['1.0'] },
    messages: {
      privileged: 'container "{container}" is privileged',
      bidirectional: 'container "{container}" is privileged, which the Bidirectional mount propagation of {volume} requires',
    },
  },
  fixTitles: { privileged: 'Remove privileged: true from "{container}"' },
  check(ctx) {
    for (const c of ctx.workload?.containers() ?? []) {
      const node = c.get(['securityContext', 'privileged']);
      if (known(node) !== true) continue;
      const remove = removeBelow(c.workload, c.node, ['securityContext', 'privileged']);
      const bidirectional = bidirectionalMounts(c);
      if (bidirectional.length === 0) {
        ctx.report({ node: node!, messageId: 'privileged', data: { container: c.name }, fix: remove });
        continue;
      }
      // The API server rejects Bidirectional propagation in an unprivileged container, so removing
      // privileged alone is no safe fix; weakening the propagation may break what the mount is for.
      const mounts = bidirectional.map((b) => b.mount).join(', ');
      const weaken: Fix = (file) => [...remove(file), ...bidirectional.flatMap((b) => replaceScalar(b.node as Scalar, 'HostToContainer'))];
      ctx.report({
        node: node!,
        messageId: 'bidirectional',
        data: { container: c.name, volume: mounts },
        suggestions: [{ title: `Remove privileged: true from "${c.name}" and change mountPropagation of ${mounts} from Bidirectional to HostToContainer`, fix: weaken }],
      });
    }
  },
});
