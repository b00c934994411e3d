// RBAC: writing Roles and bindings. The API server stops a writer from granting what it does not
// hold, unless it also has `escalate` or `bind`; still, it can hand all it holds to anyone.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-rbac-write',
  dangers: ['rbac-write'],
  message: '{kind} "{name}" can write RBAC objects "{value}"',
  meta: {
    title: 'Roles should not write Roles or bindings',
    description: 'Creating, updating or patching Roles, ClusterRoles or their bindings lets the holder pass its permissions to any subject, and with `bind` or `escalate` any permission at all.',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0050'] },
    compliance: { nsa: ['rbac'] },
  },
});
