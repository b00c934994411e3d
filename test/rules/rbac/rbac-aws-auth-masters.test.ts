import { ruleTester } from '../../helpers/rule-tester';
import { at } from './snippets';

const awsAuth = (mapRoles: string, namespace = 'kube-system') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: aws-auth
  namespace: ${namespace}
data:
  mapRoles: |
${mapRoles}`;

const masters = awsAuth('    - rolearn: arn:aws:iam::111122223333:role/ops\n      username: ops\n      groups:\n        - system:masters\n');
const users = `apiVersion: v1
kind: ConfigMap
metadata:
  name: aws-auth
data:
  mapUsers: '[{"userarn": "arn:aws:iam::1:user/a", "groups": ["system:masters", "ops"]}]'
`;

ruleTester('rbac-aws-auth-masters', {
  valid: [
    { name: 'a group of our own', code: awsAuth('    - rolearn: arn:aws:iam::111122223333:role/ops\n      groups:\n        - ops-admins\n') },
    { name: 'another ConfigMap', code: masters.replace('name: aws-auth', 'name: notes') },
    { name: 'another namespace', code: awsAuth('    - groups: [system:masters]\n', 'shop') },
    { name: 'a longer group name', code: awsAuth('    - groups: [system:masters-readonly]\n') },
  ],
  invalid: [
    { name: 'mapRoles to system:masters', code: masters, errors: [{ ...at(masters, 'system:masters', 'masters'), endColumn: 25 }], output: null },
    { name: 'mapUsers as JSON', code: users, errors: [at(users, 'system:masters', 'masters')], output: null },
  ],
});
