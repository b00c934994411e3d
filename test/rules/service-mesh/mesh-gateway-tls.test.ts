import { ruleTester } from '../../helpers/rule-tester';
import { gateway, https, http } from './fixtures';

ruleTester('mesh-gateway-tls', {
  valid: [
    { name: 'credentialName and TLS 1.2', code: gateway(https('        mode: SIMPLE\n        credentialName: shop-cert\n        minProtocolVersion: TLSV1_2\n')) },
    { name: 'certificate files', code: gateway(https('        mode: SIMPLE\n        serverCertificate: /etc/certs/cert.pem\n        privateKey: /etc/certs/key.pem\n')) },
    { name: 'PASSTHROUGH hands TLS to the workload', code: gateway(https('        mode: PASSTHROUGH\n')) },
    { name: 'plain HTTP', code: gateway(http()) },
  ],
  invalid: [
    {
      name: 'TLS 1.0 accepted',
      code: gateway(https('        mode: SIMPLE\n        credentialName: c\n        minProtocolVersion: TLSV1_0\n')),
      errors: [{ messageId: 'weakVersion', line: 14, column: 29, endColumn: 36 }],
      output: null,
      suggestions: true,
    },
    { name: 'HTTPS without a certificate', code: gateway(https('        mode: SIMPLE\n')), errors: [{ messageId: 'noCertificate', line: 11, column: 7, endColumn: 10 }], output: null },
  ],
});
