// RBAC: `nodes/proxy` reaches the kubelet API of every node, where exec into any pod is not
// checked by the API server's authorization or recorded by its audit log.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-node-proxy',
  dangers: ['node-proxy'],
  message: '{kind} "{name}" can reach the kubelet API of every node through "{value}"',
  meta: {
    title: 'Roles should not grant nodes/proxy',
    description: 'Access to `nodes/proxy` reaches the kubelet API, which runs commands in any pod of the node without the API server authorizing or auditing them.',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0047'] },
    compliance: { cis: ['5.1.10'], nsa: ['rbac'] },
  },
});
