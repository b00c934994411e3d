import { ruleTester } from '../../helpers/rule-tester';
import { at, entry, role } from './snippets';

const webhooks = role(entry('admissionregistration.k8s.io', 'mutatingwebhookconfigurations, validatingwebhookconfigurations', 'get, patch'));
const policies = role(entry('admissionregistration.k8s.io', 'validatingadmissionpolicies', 'create'));

ruleTester('rbac-admission-write', {
  valid: [
    { name: 'reading webhooks', code: role(entry('admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'get, list, watch')) },
    { name: "a controller's own webhook, by name", code: role(entry('admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'get, update', '    resourceNames: [my-webhook]\n')) },
  ],
  invalid: [
    { name: 'patch webhooks', code: webhooks, errors: [at(webhooks, 'mutatingwebhookconfigurations', 'granted'), at(webhooks, 'validatingwebhookconfigurations', 'granted')], output: null },
    { name: 'create policies', code: policies, errors: [at(policies, 'validatingadmissionpolicies', 'granted')], output: null },
  ],
});
