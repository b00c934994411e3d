import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const proxy = role(entry('""', 'nodes, nodes/proxy', 'get'));

ruleTester('rbac-node-proxy', {
  valid: [{ name: 'metrics and stats', code: role(entry('""', 'nodes/metrics, nodes/stats', 'get')) }],
  invalid: [{ name: 'nodes/proxy', code: proxy, errors: [at(proxy, 'nodes/proxy', 'granted')], output: null }],
});
