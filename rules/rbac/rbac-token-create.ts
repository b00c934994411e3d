// RBAC: creating tokens for ServiceAccounts mints credentials for any account the rule covers.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-token-create',
  dangers: ['token-create'],
  message: '{kind} "{name}" can mint tokens for ServiceAccounts through "{value}"',
  meta: {
    title: 'Roles should not create ServiceAccount tokens',
    description: 'Creating `serviceaccounts/token` issues a token for any ServiceAccount the rule covers, and with it every permission that account holds.',
    severity: 'warning',
    equivalents: 'none',
    compliance: { cis: ['5.1.13'], nsa: ['rbac'] },
  },
});
