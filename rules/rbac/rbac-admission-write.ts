// RBAC: writing admission webhooks or policies. A mutating webhook sees, and may change, every
// object created in the cluster, Secrets and pod specs included; deleting a policy disarms it.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-admission-write',
  dangers: ['admission-write'],
  message: '{kind} "{name}" can write admission configuration "{value}"',
  meta: {
    title: 'Roles should not write admission webhooks or policies',
    description: 'Creating, updating or patching webhook configurations or ValidatingAdmissionPolicies lets the holder read and rewrite objects as they are admitted, or switch the checks off.',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0114'], checkov: ['CKV_K8S_155'] },
    compliance: { cis: ['5.1.12'], nsa: ['rbac'] },
  },
});
