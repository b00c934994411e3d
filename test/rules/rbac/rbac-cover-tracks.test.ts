import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const events = role(entry('"", events.k8s.io', 'events', 'deletecollection'));
const logs = role(entry('""', 'pods/log', 'delete'));

ruleTester('rbac-cover-tracks', {
  valid: [{ name: 'reading and creating events', code: role(entry('""', 'events', 'get, list, create')) }],
  invalid: [
    { name: 'delete events', code: events, errors: [at(events, 'events]', 'granted')], output: null },
    { name: 'delete pod logs', code: logs, errors: [at(logs, 'pods/log', 'granted')], output: null },
  ],
});
