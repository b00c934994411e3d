// RBAC: creating pods, directly or through a controller. Whoever may create a pod may create a
// privileged one that mounts the node, or one that runs as any ServiceAccount of the namespace.

import { dangerRule } from './danger-rule';

export default dangerRule({
  id: 'rbac-create-pods',
  dangers: ['create-pods'],
  message: '{kind} "{name}" can create "{value}", and through them pods with any ServiceAccount of the namespace',
  meta: {
    title: 'Roles should not create pods or workloads',
    description: 'Creating pods, or the workloads that create them, lets the holder run a pod with any ServiceAccount of the namespace, or a privileged one where admission allows it.',
    severity: 'info',
    equivalents: { trivy: ['KSV-0048'], kubeLinter: ['access-to-create-pods'], kubescape: ['C-0188'] },
    compliance: { cis: ['5.1.4'], nsa: ['rbac'] },
  },
});
