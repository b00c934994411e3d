import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, check, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
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

const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n';
const frontend = (namespace: string) =>
  deployment('frontend', namespace, 'app: frontend').replace(
    '          image: registry.example.com/frontend:1.0\n',
    '          image: registry.example.com/frontend:1.0\n          env:\n            - name: WEB_ADDR\n              value: web.shop:80\n',
  );

test('the ALLOW policies built from the callers the workspace shows', () => {
  const code = docs(namespace, deployment(), service, frontend('shop'), frontend('store').replace('name: frontend', 'name: store-front'), allowWeb.replace('app: web', 'app: other'));
  const [finding] = check(code, { config: mergeConfig(), rules }).findings.filter((f) => f.ruleId === 'mesh-authz-namespace-default-deny');
  const suggestion = finding.suggestions.find((s) => s.title.startsWith('Add an allow-nothing AuthorizationPolicy and ALLOW policies'))!;
  assert.equal(suggestion.title, 'Add an allow-nothing AuthorizationPolicy and ALLOW policies for web from the callers found in the workspace (assumes STRICT mTLS and that no other caller exists)');
  const added = applyEdits(code, suggestion.apply(parseManifest(code))).slice(code.length);
  assert.equal(
    added,
    `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: shop
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  action: ALLOW
  selector:
    matchLabels:
      app: web
  rules:
    - from:
        - source:
            namespaces: [shop, store]
      to:
        - operation:
            ports: ["8080"]
`,
  );
});
