import { ruleTester } from '../../helpers/rule-tester';
import { gateway, https, http } from './fixtures';

ruleTester('mesh-gateway-https-redirect', {
  valid: [
    { name: 'redirects', code: gateway(https('        mode: SIMPLE\n        credentialName: c\n') + http('shop.example.com', '      tls:\n        httpsRedirect: true\n')) },
    { name: 'HTTP for another host', code: gateway(https('        mode: SIMPLE\n        credentialName: c\n') + http('status.example.com')) },
  ],
  invalid: [
    {
      name: 'HTTP and HTTPS for the same host',
      code: gateway(https('        mode: SIMPLE\n        credentialName: c\n') + http('"ns/shop.example.com"')),
      errors: [{ messageId: 'noRedirect', line: 15, column: 15 }],
      output: null,
      suggestions: true,
    },
  ],
});
