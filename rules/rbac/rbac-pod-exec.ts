// RBAC: running commands in pods. `pods/exec`, `pods/attach` and `pods/portforward` let the holder
// act inside any pod it covers, with that pod's own ServiceAccount and mounted secrets.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-pod-exec',
  dangers: ['pod-exec'],
  message: '{kind} "{name}" can reach into running pods through "{value}"',
  meta: {
    title: 'Roles should not exec into, attach to or port-forward to pods',
    description: 'A rule on `pods/exec`, `pods/attach` or `pods/portforward` lets the holder run commands in, or connect to, every pod it covers.',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0053', 'KSV-0054'], polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'], kubescape: ['C-0002', 'C-0063'] },
    compliance: { nsa: ['rbac'] },
  },
});
