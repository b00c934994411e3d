// RBAC: approving CertificateSigningRequests issues client certificates for any user or group,
// `system:masters` included, where a signer allows it.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-csr-approve',
  dangers: ['csr-approve'],
  message: '{kind} "{name}" can approve certificate requests through "{value}"',
  meta: {
    title: 'Roles should not approve CertificateSigningRequests',
    description: 'Updating `certificatesigningrequests/approval`, or the `approve` verb on `signers`, lets the holder issue credentials for other users and groups.',
    severity: 'warning',
    equivalents: { checkov: ['CKV_K8S_156'] },
    compliance: { cis: ['5.1.11'], nsa: ['rbac'] },
  },
});
