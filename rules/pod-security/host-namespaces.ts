// Baseline: sharing the node's network, PID or IPC namespace lets a pod see and reach host processes
// and traffic. Removing it can break an app that needs it, so the fix is a suggestion, never automatic.

import { defineRule } from '../../server/src/engine';
import { removeBelow } from '../../server/src/engine';
import { known } from '../../server/src/engine';

const fields = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default defineRule({
  id: 'host-namespaces',
  meta: {
    title: 'Pods must not share host namespaces',
    description: 'hostNetwork, hostPID and hostIPC must not be true.',
    category: 'pod-security',
    severity: 'error',
    equivalents: {
      trivy: ['KSV-0008', 'KSV-0009', 'KSV-0010'],
      checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
      kubeLinter: ['host-ipc', 'host-network', 'host-pid'],
      polaris: ['hostIPCSet', 'hostPIDSet', 'hostNetworkSet'],
      kubescape: ['C-0038', 'C-0041', 'C-0275', 'C-0276'],
    },
    compliance: { cis: ['5.2.3', '5.2.4', '5.2.5'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'suggestion',
    pss: { check: 'hostNamespaces', level: 'baseline', versions: ['1.0'] },
    messages: { shared: 'pod shares the host namespace ({field}: true)' },
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const field of fields) {
      const node = w.get([field]);
      if (known(node) !== true) continue;
      ctx.report({
        node: node!,
        messageId: 'shared',
        data: { field },
        suggestions: [{ title: `Remove ${field}: true (check the app does not need the host's namespace)`, fix: removeBelow(w, w.spec, [field]) }],
      });
    }
  },
});
