// Baseline: a hostPort binds the node's port, bypassing network policy and limiting scheduling.
// Removing it is safe for traffic that arrives through a Service.

import { asSeq, defineRule } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { isSet, known, unknowable } from '../../server/src/engine';

export default defineRule({
  id: 'host-ports',
  meta: {
    title: 'Containers must not use host ports',
    description: 'No container port may set a non-zero hostPort.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0024'], checkov: ['CKV_K8S_26'], polaris: ['hostPortSet'], kubescape: ['C-0044', 'C-0204'] },
    compliance: { cis: ['5.2.13'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'hostPorts', level: 'baseline', versions: ['1.0'] },
    messages: { hostPort: 'container "{container}" binds host port {port}' },
  },
  fixTitles: { hostPort: 'Remove hostPort {port} from "{container}"' },
  check(ctx) {
    for (const c of ctx.workload?.containers() ?? []) {
      asSeq(c.get(['ports']))?.items.forEach((_, i) => {
        const node = c.get(['ports', i, 'hostPort']);
        // hostPort 0 means "none", as unset does.
        if (!isSet(node) || known(node) === 0 || unknowable(node)) return;
        ctx.report({
          node,
          messageId: 'hostPort',
          data: { container: c.name, port: String(known(node) ?? '') },
          fix: removeBelow(c.workload, c.node, ['ports', i, 'hostPort']),
        });
      });
    }
  },
});
