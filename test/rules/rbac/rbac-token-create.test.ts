import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const token = role(entry('""', 'serviceaccounts/token', 'create'), 'Role', 'r', 'shop');

ruleTester('rbac-token-create', {
  valid: [
    { name: 'reading accounts', code: role(entry('""', 'serviceaccounts', 'get')) },
    { name: 'tokens of one named account', code: role(entry('""', 'serviceaccounts/token', 'create', '    resourceNames: [builder]\n')) },
  ],
  invalid: [{ name: 'create tokens', code: token, errors: [at(token, 'serviceaccounts/token', 'granted')], output: null }],
});
