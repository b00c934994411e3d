// RBAC: deleting events (or pod logs) removes the record of what happened in the cluster.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-cover-tracks',
  dangers: ['cover-tracks'],
  message: '{kind} "{name}" can delete "{value}", the record of what happened',
  meta: {
    title: 'Roles should not delete events or pod logs',
    description: 'Deleting events or `pods/log` lets an attacker remove the traces of what they did.',
    severity: 'info',
    equivalents: { trivy: ['KSV-0042'], kubescape: ['C-0031'] },
    compliance: 'none',
  },
});
