import { ruleTester } from '../../helpers/rule-tester';
import { at, binding, group } from './snippets';

const masters = binding('ClusterRoleBinding', 'view', group('system:masters'));
const everyone = binding('ClusterRoleBinding', 'view', group('system:authenticated') + group('system:unauthenticated'));
const anonymous = binding('RoleBinding', 'reader', `  - kind: User\n    name: system:anonymous\n`, { namespace: 'shop', roleKind: 'Role' });

ruleTester('rbac-binding-system-groups', {
  valid: [
    { name: 'a group of people', code: binding('ClusterRoleBinding', 'view', group('auditors')) },
    { name: "the cluster's own discovery binding", code: binding('ClusterRoleBinding', 'system:discovery', group('system:authenticated')) },
    { name: 'all ServiceAccounts of one namespace', code: binding('RoleBinding', 'view', group('system:serviceaccounts:shop'), { namespace: 'shop' }) },
  ],
  invalid: [
    { name: 'system:masters', code: masters, errors: [at(masters, 'system:masters', 'masters')], output: null },
    { name: 'everyone', code: everyone, errors: [at(everyone, 'system:authenticated', 'everyone'), at(everyone, 'system:unauthenticated', 'everyone')], output: null },
    { name: 'the anonymous user', code: anonymous, errors: [at(anonymous, 'system:anonymous', 'everyone')], output: null },
  ],
});
