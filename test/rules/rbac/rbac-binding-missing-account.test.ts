import { ruleTester } from '../../helpers/rule-tester';
import { at, binding, docs, sa } from './snippets';

const account = (name: string, namespace?: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;
const typo = docs(account('catalog', 'shop'), binding('RoleBinding', 'reader', sa('catalgo', 'shop'), { namespace: 'shop', roleKind: 'Role' }));
const otherNs = docs(account('catalog', 'shop'), binding('ClusterRoleBinding', 'view', sa('catalog', 'orders')));

ruleTester('rbac-binding-missing-account', {
  valid: [
    { name: 'declared', code: docs(account('catalog', 'shop'), binding('RoleBinding', 'reader', sa('catalog', 'shop'), { namespace: 'shop' })) },
    { name: "in the binding's namespace", code: docs(account('catalog', 'shop'), binding('RoleBinding', 'reader', sa('catalog'), { namespace: 'shop' })) },
    { name: 'declared without a namespace', code: docs(account('catalog'), binding('ClusterRoleBinding', 'view', sa('catalog', 'argocd'))) },
    { name: 'the default account', code: binding('RoleBinding', 'reader', sa('default', 'shop'), { namespace: 'shop' }) },
    { name: 'an account of kube-system', code: binding('ClusterRoleBinding', 'view', sa('node-controller', 'kube-system')) },
  ],
  invalid: [
    { name: 'a typo', code: typo, errors: [at(typo, 'catalgo', 'missing')], output: null },
    { name: 'the same name in another namespace', code: otherNs, errors: [at(otherNs, 'catalog', 'missing', 2)], output: null },
  ],
});
