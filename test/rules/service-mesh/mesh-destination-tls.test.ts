import { ruleTester } from '../../helpers/rule-tester';

const rule = (host: string, policy: string, version = 'v1') => `apiVersion: networking.istio.io/${version}
kind: DestinationRule
metadata:
  name: dr
spec:
  host: ${host}
${policy}`;
const tls = (body: string) => `  trafficPolicy:\n    tls:\n${body}`;

ruleTester('mesh-destination-tls', {
  valid: [
    { name: 'ISTIO_MUTUAL in the mesh', code: rule('reviews', tls('      mode: ISTIO_MUTUAL\n')) },
    { name: 'DISABLE to an external host (plaintext origination is its own choice)', code: rule('api.example.com', tls('      mode: DISABLE\n')) },
    { name: 'DISABLE to a host that may be service.namespace is unknown', code: rule('reviews.prod', tls('      mode: DISABLE\n')) },
    { name: 'SIMPLE with caCertificates', code: rule('api.example.com', tls('      mode: SIMPLE\n      caCertificates: /etc/certs/ca.pem\n')) },
    { name: 'MUTUAL with credentialName', code: rule('api.example.com', tls('      mode: MUTUAL\n      credentialName: client-cert\n')) },
    { name: 'SIMPLE to an in-mesh host is not judged for its CA', code: rule('reviews.shop.svc.cluster.local', tls('      mode: SIMPLE\n')) },
    { name: 'templated host', code: rule('"{{ .Values.host }}"', tls('      mode: DISABLE\n')) },
    { name: 'the Istio samples DestinationRule', code: rule('reviews', tls('      mode: ISTIO_MUTUAL\n'), 'v1beta1') },
  ],
  invalid: [
    {
      name: 'DISABLE to a cluster service',
      code: rule('reviews.shop.svc.cluster.local', tls('      mode: DISABLE\n')),
      errors: [{ messageId: 'plaintext', line: 9, column: 13, endColumn: 20 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'DISABLE on a port of a subset (v1alpha3)',
      code: rule(
        'reviews',
        '  subsets:\n    - name: v1\n      labels: {version: v1}\n      trafficPolicy:\n        portLevelSettings:\n          - port: {number: 9080}\n            tls:\n              mode: DISABLE\n',
        'v1alpha3',
      ),
      errors: [{ messageId: 'plaintext', line: 14, column: 21 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'SIMPLE to an external host without a CA',
      code: rule('api.example.com', tls('      mode: SIMPLE\n      sni: api.example.com\n')),
      errors: [{ messageId: 'noCa', line: 9, column: 13 }],
      output: null,
    },
    {
      name: 'insecureSkipVerify',
      code: rule('api.example.com', tls('      mode: SIMPLE\n      caCertificates: /etc/ca.pem\n      insecureSkipVerify: true\n')),
      errors: [{ messageId: 'skipVerify', line: 11, column: 27, endColumn: 31 }],
      output: null,
      suggestions: true,
    },
  ],
});
