import { ruleTester } from '../../helpers/rule-tester';
import { at, binding, sa } from './snippets';

const defaultSa = binding('RoleBinding', 'pod-reader', sa('default', 'shop'), { namespace: 'shop', roleKind: 'Role' });
const implicit = binding('RoleBinding', 'pod-reader', sa('default'), { roleKind: 'Role' });

ruleTester('rbac-binding-default-sa', {
  valid: [
    { name: 'an account of its own', code: binding('RoleBinding', 'pod-reader', sa('catalog', 'shop'), { namespace: 'shop', roleKind: 'Role' }) },
    { name: 'a user named default', code: binding('RoleBinding', 'pod-reader', `  - kind: User\n    name: default\n`, { roleKind: 'Role' }) },
  ],
  invalid: [
    { name: 'default of a namespace', code: defaultSa, errors: [at(defaultSa, 'default', 'defaultAccount')], output: null },
    { name: "default of the binding's namespace", code: implicit, errors: [at(implicit, 'default', 'defaultAccount')], output: null },
  ],
});
