import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const pods = role(entry('""', 'pods', 'create'));
const jobs = role(entry('batch', 'jobs, cronjobs', 'get, "*"'), 'Role', 'r', 'ci');

ruleTester('rbac-create-pods', {
  valid: [
    { name: 'reading pods', code: role(entry('""', 'pods', 'get, list, watch')) },
    { name: 'deployments of another group', code: role(entry('example.com', 'deployments', 'create')) },
  ],
  invalid: [
    { name: 'create pods', code: pods, errors: [at(pods, 'pods]', 'granted')], output: null },
    { name: 'every verb on jobs', code: jobs, errors: [at(jobs, 'jobs', 'granted'), at(jobs, 'cronjobs', 'granted')], output: null },
  ],
});
