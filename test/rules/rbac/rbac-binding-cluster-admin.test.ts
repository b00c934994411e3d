import { ruleTester } from '../../helpers/rule-tester';
import { at, binding, sa } from './snippets';

const cluster = binding('ClusterRoleBinding', 'cluster-admin', sa('deployer', 'ci'));
const role = binding('RoleBinding', 'cluster-admin', sa('deployer', 'ci'), { namespace: 'ci' });

ruleTester('rbac-binding-cluster-admin', {
  valid: [
    { name: 'edit', code: binding('RoleBinding', 'edit', sa('deployer', 'ci'), { namespace: 'ci' }) },
    { name: 'a Role named cluster-admin', code: binding('RoleBinding', 'cluster-admin', sa('deployer'), { namespace: 'ci', roleKind: 'Role' }) },
    { name: 'templated', code: binding('ClusterRoleBinding', '"{{ .Values.role }}"', sa('deployer', 'ci')) },
  ],
  invalid: [
    { name: 'ClusterRoleBinding', code: cluster, errors: [at(cluster, 'cluster-admin', 'clusterAdmin')], output: null },
    { name: 'RoleBinding', code: role, errors: [at(role, 'cluster-admin', 'clusterAdmin')], output: null },
  ],
});
