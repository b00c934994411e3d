import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const approval = role(entry('certificates.k8s.io', 'certificatesigningrequests/approval', 'update'));
const signers = role(entry('certificates.k8s.io', 'signers', 'approve'));

ruleTester('rbac-csr-approve', {
  valid: [{ name: 'reading requests', code: role(entry('certificates.k8s.io', 'certificatesigningrequests', 'get, list, watch')) }],
  invalid: [
    { name: 'update the approval', code: approval, errors: [at(approval, 'certificatesigningrequests/approval', 'granted')], output: null },
    { name: 'approve on signers', code: signers, errors: [at(signers, 'signers', 'granted')], output: null },
  ],
});
