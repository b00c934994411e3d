// Baseline from 1.34: probes and lifecycle hooks with a `host` make the kubelet connect to any
// address on the pod's behalf (a server-side request forgery). Without `host` they target the pod.

import { defineRule } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { known, unknowable } from '../../server/src/engine';

const handlers: ReadonlyArray<readonly string[]> = [['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop']];

export default defineRule({
  id: 'host-probes-and-lifecycle',
  meta: {
    title: 'Probes and lifecycle hooks must not set a host',
    description: 'httpGet and tcpSocket handlers of probes and lifecycle hooks must not set host.',
    category: 'pod-security',
    severity: 'error',
    equivalents: 'none',
    compliance: { nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'hostProbesAndHostLifecycle', level: 'baseline', versions: ['1.34'] },
    messages: { host: 'container "{container}" {handler} targets host "{host}"' },
  },
  fixTitles: { host: 'Remove host from the {handler} of "{container}"' },
  check(ctx) {
    for (const c of ctx.workload?.containers() ?? []) {
      for (const handler of handlers) {
        for (const action of ['httpGet', 'tcpSocket']) {
          const path = [...handler, action, 'host'];
          const node = c.get(path);
          const host = known(node);
          if (host === undefined || host === '' || unknowable(node)) continue;
          ctx.report({
            node: node!,
            messageId: 'host',
            data: { container: c.name, handler: `${handler.join('.')} ${action}`, host: String(host) },
            fix: removeBelow(c.workload, c.node, path),
          });
        }
      }
    }
  },
});
