import { ruleTester } from '../../helpers/rule-tester';
import { gateway, http } from './fixtures';

ruleTester('mesh-gateway-wildcard-host', {
  valid: [
    { name: 'named hosts', code: gateway(http()) },
    { name: 'a wildcard subdomain names a domain', code: gateway(http('"*.example.com"')) },
  ],
  invalid: [
    { name: 'host *', code: gateway(http('"*"')), errors: [{ messageId: 'anyHost', line: 10, column: 15, endColumn: 18 }], output: null },
    { name: 'host */*', code: gateway(http('"*/*"')), errors: [{ messageId: 'anyHost', line: 10, column: 15 }], output: null },
  ],
});
