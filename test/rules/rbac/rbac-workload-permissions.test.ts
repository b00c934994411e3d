import { ruleTester } from '../../helpers/rule-tester';
import { at, binding, deployment, docs, entry, group, role, sa } from './snippets';

const secrets = role(entry('""', 'secrets', 'get, list'), 'Role', 'reader', 'shop');
const safe = role(entry('""', 'configmaps', 'get'), 'Role', 'reader', 'shop');
const toAccount = (account: string, namespace = 'shop') => binding('RoleBinding', 'reader', sa(account, namespace), { namespace: 'shop', roleKind: 'Role', name: 'reader' });

const explicit = docs(deployment('catalog', { namespace: 'shop', account: 'catalog' }), secrets, toAccount('catalog'));
const viaDefault = docs(deployment('catalog', { namespace: 'shop' }), secrets, toAccount('default'));
const viaGroup = docs(
  deployment('catalog', { namespace: 'shop' }),
  secrets,
  binding('RoleBinding', 'reader', group('system:serviceaccounts:shop'), { namespace: 'shop', roleKind: 'Role', name: 'reader' }),
);
const builtinAdmin = docs(deployment('ops', { namespace: 'tools', account: 'ops' }), binding('ClusterRoleBinding', 'cluster-admin', sa('ops', 'tools')));
const unspecified = docs(deployment('controller', { account: 'controller' }), role(entry('""', 'pods/exec', 'create')), binding('ClusterRoleBinding', 'r', sa('controller', 'argocd')));
const aggregated = docs(
  deployment('agent', { namespace: 'ops', account: 'agent' }),
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels:\n        rbac.example.com/aggregate-to-monitoring: "true"\nrules: []\n`,
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: node-reader\n  labels:\n    rbac.example.com/aggregate-to-monitoring: "true"\nrules:\n${entry('""', 'nodes/proxy', 'get')}`,
  binding('ClusterRoleBinding', 'monitoring', sa('agent', 'ops')),
);

ruleTester('rbac-workload-permissions', {
  valid: [
    { name: 'no binding', code: deployment('catalog', { namespace: 'shop', account: 'catalog' }) },
    { name: 'a binding to another account', code: docs(deployment('catalog', { namespace: 'shop', account: 'catalog' }), secrets, toAccount('orders')) },
    { name: 'an account of the same name in another namespace', code: docs(deployment('catalog', { namespace: 'shop', account: 'catalog' }), secrets, toAccount('catalog', 'other')) },
    { name: 'only harmless permissions', code: docs(deployment('catalog', { namespace: 'shop', account: 'catalog' }), safe, toAccount('catalog')) },
    { name: 'the default account of another namespace', code: docs(deployment('catalog', { namespace: 'other' }), secrets, toAccount('default')) },
    { name: 'a templated account', code: docs(deployment('catalog', { namespace: 'shop', account: '"{{ .Values.sa }}"' }), secrets, toAccount('catalog')) },
    { name: 'a role the binding does not name', code: docs(deployment('catalog', { namespace: 'shop', account: 'catalog' }), secrets.replace('name: reader', 'name: other'), toAccount('catalog')) },
    {
      name: 'an aggregation selector that matches nothing',
      code: aggregated.replace('rbac.example.com/aggregate-to-monitoring: "true"\nrules:', 'rbac.example.com/aggregate-to-other: "true"\nrules:'),
    },
  ],
  invalid: [
    { name: 'its own account reads Secrets', code: explicit, errors: [at(explicit, 'catalog\n      containers', 'dangerous')], output: null },
    { name: 'the default account, on the name, with the move suggestion', code: viaDefault, errors: [at(viaDefault, 'catalog', 'dangerous')], output: null, suggestions: true },
    { name: 'through the group of the namespace', code: viaGroup, errors: [at(viaGroup, 'catalog', 'dangerous')], output: null },
    { name: 'the built-in cluster-admin', code: builtinAdmin, errors: [at(builtinAdmin, 'ops\n      containers', 'dangerous')], output: null },
    { name: 'no namespace: any namespace of a named account', code: unspecified, errors: [at(unspecified, 'controller\n      containers', 'dangerous')], output: null },
    { name: 'an aggregated ClusterRole', code: aggregated, errors: [at(aggregated, 'agent\n      containers', 'dangerous')], output: null },
  ],
});
