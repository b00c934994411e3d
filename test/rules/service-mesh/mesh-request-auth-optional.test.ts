import { ruleTester } from '../../helpers/rule-tester';
import { authz, deployment, docs } from './fixtures';

const requestAuth = (selector = '  selector:\n    matchLabels:\n      app: web\n', namespace = 'shop') => `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: jwt
  namespace: ${namespace}
spec:
${selector}  jwtRules:
    - issuer: https://issuer.example.com
      jwksUri: https://issuer.example.com/jwks.json
`;
const requireJwt = (selector = '  selector:\n    matchLabels:\n      app: web\n', namespace = 'shop') =>
  authz(`${selector}  rules:\n    - from:\n        - source:\n            requestPrincipals: ["*"]\n`, namespace, 'require-jwt');

ruleTester('mesh-request-auth-optional', {
  valid: [
    { name: 'an ALLOW requiring a request principal for the same pods', code: docs(requestAuth(), requireJwt()) },
    { name: 'a namespace-wide requirement', code: docs(requestAuth(), requireJwt('')) },
    {
      name: 'a mesh-wide DENY of requests without a principal',
      code: docs(requestAuth(), authz('  action: DENY\n  rules:\n    - from:\n        - source:\n            notRequestPrincipals: ["*"]\n', 'istio-system')),
    },
    { name: 'a requirement selecting a superset of the pods', code: docs(requestAuth('  selector:\n    matchLabels:\n      app: web\n      tier: front\n'), requireJwt()) },
    { name: 'a policy in a templated namespace may be one', code: docs(requestAuth(), requireJwt('', '"{{ .Release.Namespace }}"')) },
  ],
  invalid: [
    { name: 'no AuthorizationPolicy at all', code: requestAuth(), errors: [{ messageId: 'optional', line: 10, column: 3, endColumn: 11 }], output: null },
    {
      name: 'an ALLOW with one rule without requestPrincipals; a requirement in another namespace',
      code: docs(
        deployment(),
        requestAuth(),
        authz('  rules:\n    - from:\n        - source:\n            requestPrincipals: ["*"]\n    - to:\n        - operation:\n            paths: ["/healthz"]\n'),
        requireJwt('', 'other'),
      ),
      errors: [{ messageId: 'optional', line: 25, column: 3 }],
      output: null,
    },
  ],
});
