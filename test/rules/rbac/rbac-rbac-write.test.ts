import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const write = role(entry('rbac.authorization.k8s.io', 'roles, rolebindings', 'create, update'), 'Role', 'r', 'shop');

ruleTester('rbac-rbac-write', {
  valid: [
    { name: 'reading RBAC', code: role(entry('rbac.authorization.k8s.io', 'clusterroles, clusterrolebindings', 'get, list, watch')) },
    { name: 'deleting only', code: role(entry('rbac.authorization.k8s.io', 'rolebindings', 'delete')) },
  ],
  invalid: [{ name: 'create and update', code: write, errors: [at(write, 'roles', 'granted'), at(write, 'rolebindings', 'granted')], output: null }],
});
