// RBAC: a binding to `cluster-admin` gives its subjects every permission; in a RoleBinding, every
// permission in the namespace, RBAC included.

import { defineRule } from '../../server/src/engine';
import { bindingKinds } from './entries';
import { roleRefOf } from './bindings';

export default defineRule({
  id: 'rbac-binding-cluster-admin',
  meta: {
    title: 'Bindings should not grant cluster-admin',
    description: 'A ClusterRoleBinding to `cluster-admin` gives its subjects every permission on the cluster; a RoleBinding to it, every permission in its namespace.',
    category: 'rbac',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0111'], kubeLinter: ['cluster-admin-role-binding'], polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'], kubescape: ['C-0035'] },
    compliance: { cis: ['5.1.1'], nsa: ['rbac'] },
    kinds: bindingKinds,
    scope: 'document',
    fix: 'none',
    messages: { clusterAdmin: '{kind} "{name}" grants cluster-admin {where}' },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.resource);
    if (!ref || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return;
    const where = ctx.resource.kind === 'ClusterRoleBinding' ? 'on the whole cluster' : 'in its namespace';
    ctx.report({ node: ref.nameNode, messageId: 'clusterAdmin', data: { kind: ctx.resource.kind, name: ctx.resource.name || '(unnamed)', where } });
  },
});
