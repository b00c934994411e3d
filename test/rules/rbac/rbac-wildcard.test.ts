import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const verbs = role(entry('apps', 'deployments', '"*"'));
const resources = role(entry('apps', '"*"', 'get'));
const groups = role(entry('"*"', 'deployments', 'get'));
const everything = role(entry('"*"', '"*"', '"*"'));
const blockVerbs = role(`  - apiGroups:\n      - apps\n    resources:\n      - deployments\n    verbs:\n      - "*"\n`);

ruleTester('rbac-wildcard', {
  valid: [
    { name: 'named verbs, resources and groups', code: role(entry('apps', 'deployments', 'get, list')) },
    { name: 'non-resource URLs', code: role(`  - nonResourceURLs: ["*"]\n    verbs: ["*"]\n`) },
    { name: 'a templated verb', code: role(entry('apps', 'deployments', '"{{ .Values.verb }}"')) },
  ],
  invalid: [
    { name: 'every verb', code: verbs, errors: [at(verbs, '"*"', 'verbs')], output: null, suggestions: true },
    { name: 'every verb, block style', code: blockVerbs, errors: [at(blockVerbs, '"*"', 'verbs')], output: null, suggestions: true },
    { name: 'every resource', code: resources, errors: [at(resources, '"*"', 'resources')], output: null },
    { name: 'every group', code: groups, errors: [at(groups, '"*"', 'groups')], output: null },
    { name: 'everything, reported once', code: everything, errors: [at(everything, '"*"', 'everything', 2)], output: null },
  ],
});
