// RBAC: reading Secrets. `list` and `watch` return every value of every Secret they cover, not
// only their names, so all three read verbs count; reading named Secrets (`resourceNames`) does not.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-secret-read',
  dangers: ['secret-read'],
  message: '{kind} "{name}" can read the values of every Secret it covers through "{value}"',
  meta: {
    title: 'Roles should not read Secrets wholesale',
    description: 'A rule that may get, list or watch `secrets` without `resourceNames` reveals every credential of the namespace, or of the cluster for a ClusterRole.',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0041'], kubeLinter: ['access-to-secrets'], kubescape: ['C-0015'] },
    compliance: { cis: ['5.1.2'], nsa: ['rbac'] },
  },
});
