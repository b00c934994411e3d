// RBAC: dangerous permissions in Roles and bindings, and what each workload's ServiceAccount may do
// across the workspace.

import type { RuleDefinition } from '../../server/src/engine';
import rbacAdmissionWrite from './rbac-admission-write';
import rbacAwsAuthMasters from './rbac-aws-auth-masters';
import rbacBindingClusterAdmin from './rbac-binding-cluster-admin';
import rbacBindingDefaultSa from './rbac-binding-default-sa';
import rbacBindingMissingAccount from './rbac-binding-missing-account';
import rbacBindingSystemGroups from './rbac-binding-system-groups';
import rbacCoverTracks from './rbac-cover-tracks';
import rbacCreatePods from './rbac-create-pods';
import rbacCsrApprove from './rbac-csr-approve';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacNodeProxy from './rbac-node-proxy';
import rbacPodExec from './rbac-pod-exec';
import rbacRbacWrite from './rbac-rbac-write';
import rbacSecretRead from './rbac-secret-read';
import rbacTokenCreate from './rbac-token-create';
import rbacWildcard from './rbac-wildcard';
import rbacWorkloadPermissions from './rbac-workload-permissions';

export const rules: readonly RuleDefinition[] = [
  rbacWorkloadPermissions,
  rbacWildcard,
  rbacEscalationVerbs,
  rbacSecretRead,
  rbacPodExec,
  rbacCreatePods,
  rbacNodeProxy,
  rbacTokenCreate,
  rbacCsrApprove,
  rbacAdmissionWrite,
  rbacRbacWrite,
  rbacCoverTracks,
  rbacAwsAuthMasters,
  rbacBindingClusterAdmin,
  rbacBindingSystemGroups,
  rbacBindingDefaultSa,
  rbacBindingMissingAccount,
];
