import { ruleTester } from '../../helpers/rule-tester';
import { authz, deployment, docs } from './fixtures';

const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const allowWeb = authz('  selector:\n    matchLabels:\n      app: web\n  rules:\n    - from:\n        - source:\n            namespaces: [shop]\n');

ruleTester('mesh-authz-namespace-default-deny', {
  valid: [
    { name: 'no AuthorizationPolicy in the workspace: Istio authorization is not used here', code: docs(namespace, deployment()) },
    { name: 'policies of another namespace say nothing of this one', code: docs(namespace, deployment(), authz('  action: ALLOW\n  rules: [{from: [{source: {namespaces: [a]}}]}]\n', 'other')) },
    { name: 'an allow-nothing policy in the namespace', code: docs(namespace, deployment(), allowWeb, authz('  {}\n', 'shop', 'allow-nothing').replace('spec:\n  {}', 'spec: {}')) },
    { name: 'a mesh-wide allow-nothing policy', code: docs(namespace, deployment(), allowWeb, authz('  action: ALLOW\n', 'istio-system', 'deny-all')) },
    { name: 'no workload in the namespace', code: docs(namespace, allowWeb) },
    { name: 'a policy in a templated namespace may be one', code: docs(namespace, deployment(), allowWeb, authz('  action: ALLOW\n', '"{{ .Release.Namespace }}"')) },
  ],
  invalid: [
    {
      name: 'only an allow policy; a selector-scoped empty policy is no default',
      code: docs(namespace, deployment(), allowWeb, authz('  selector:\n    matchLabels:\n      app: web\n', 'shop', 'web-nothing')),
      errors: [{ messageId: 'noDefaultDeny', line: 4, column: 9, endColumn: 13 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'a namespace labelled for injection, without any policy',
      code: docs(namespace.replace('  name: shop\n', '  name: shop\n  labels:\n    istio-injection: enabled\n'), deployment()),
      errors: [{ messageId: 'noDefaultDeny', line: 4, column: 9 }],
      output: null,
      suggestions: true,
    },
  ],
});
