import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const exec = role(entry('""', 'pods, pods/exec, pods/attach', 'create'));
const forward = role(entry('""', 'pods/portforward', 'get'), 'Role', 'r', 'shop');

ruleTester('rbac-pod-exec', {
  valid: [
    { name: 'reading pods and logs', code: role(entry('""', 'pods, pods/log', 'get, list')) },
    { name: 'exec without a verb that opens it', code: role(entry('""', 'pods/exec', 'list')) },
  ],
  invalid: [
    { name: 'exec and attach', code: exec, errors: [at(exec, 'pods/exec', 'granted'), at(exec, 'pods/attach', 'granted')], output: null },
    { name: 'port-forward with get', code: forward, errors: [at(forward, 'pods/portforward', 'granted')], output: null },
  ],
});
