import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const list = role(entry('""', 'configmaps, secrets', 'get, list, watch'));
const watchOnly = role(entry('""', 'secrets', 'watch'), 'Role', 'r', 'shop');
const star = role(entry('"*"', 'secrets', '"*"'));

ruleTester('rbac-secret-read', {
  valid: [
    { name: 'named Secrets only', code: role(entry('""', 'secrets', 'get', '    resourceNames: [app-db]\n')) },
    { name: 'writing, not reading', code: role(entry('""', 'secrets', 'create')) },
    { name: 'secrets of another API group', code: role(entry('example.com', 'secrets', 'get')) },
    { name: 'a templated resource', code: role(entry('""', '"{{ .Values.resource }}"', 'get')) },
    { name: 'every resource is the wildcard rule', code: role(entry('""', '"*"', 'get')) },
    { name: 'not an RBAC kind', code: role(entry('""', 'secrets', 'get')).replace('rbac.authorization.k8s.io/v1', 'example.com/v1') },
  ],
  invalid: [
    { name: 'get, list, watch', code: list, errors: [at(list, 'secrets', 'granted')], output: null },
    { name: 'watch alone reveals values', code: watchOnly, errors: [at(watchOnly, 'secrets', 'granted')], output: null },
    { name: 'every verb in every group', code: star, errors: [at(star, 'secrets', 'granted')], output: null },
  ],
});
