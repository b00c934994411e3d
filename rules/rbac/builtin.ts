// The user-facing ClusterRoles every cluster has, reduced to the rules that matter here, for
// bindings to a ClusterRole the workspace does not declare. A workspace that declares one of these
// names (to extend it through aggregation, say) is read instead.

import type { PolicyRule } from './permissions';

const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({ apiGroups, resources, verbs, named: false });
const read = ['get', 'list', 'watch'];
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const workloads = ['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers'];

const edit: PolicyRule[] = [
  rule(['', 'apps', 'batch'], workloads, [...read, ...write]),
  rule([''], ['secrets', 'configmaps', 'services', 'persistentvolumeclaims', 'serviceaccounts'], [...read, ...write]),
  rule([''], ['pods/exec', 'pods/attach', 'pods/portforward'], ['create', 'get']),
  rule([''], ['serviceaccounts'], ['impersonate']),
  rule([''], ['serviceaccounts/token'], ['create']),
];

export const builtinRoles: Readonly<Record<string, readonly PolicyRule[]>> = {
  'cluster-admin': [rule(['*'], ['*'], ['*'])],
  admin: [...edit, rule(['rbac.authorization.k8s.io'], ['roles', 'rolebindings'], [...read, ...write])],
  edit,
  view: [rule(['', 'apps', 'batch'], ['pods', 'configmaps', 'services', ...workloads], read)],
};
