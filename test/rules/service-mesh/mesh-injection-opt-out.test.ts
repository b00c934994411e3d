import { ruleTester } from '../../helpers/rule-tester';
import { deployment, docs, peerAuth } from './fixtures';

const namespace = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n${labels}`;
const injected = namespace('    istio-injection: enabled\n');
const optOut = deployment('web', 'shop', 'app: web\n        sidecar.istio.io/inject: "false"');
const optOutByAnnotation = deployment().replace('      labels:\n', '      annotations:\n        sidecar.istio.io/inject: "false"\n      labels:\n');

ruleTester('mesh-injection-opt-out', {
  valid: [
    { name: 'injected and STRICT', code: docs(injected, deployment(), peerAuth('shop', 'STRICT')) },
    { name: 'opted out, PERMISSIVE', code: docs(injected, optOut, peerAuth('shop', 'PERMISSIVE')) },
    { name: 'opted out in a namespace not labelled for injection', code: docs(namespace('    team: a\n'), optOut, peerAuth('shop', 'STRICT')) },
    { name: 'the namespace is not in the workspace', code: docs(optOut, peerAuth('shop', 'STRICT')) },
  ],
  invalid: [
    {
      name: 'label opt-out under a mesh-wide STRICT policy',
      code: docs(injected, optOut, peerAuth('istio-system', 'STRICT')),
      errors: [{ messageId: 'optOut', line: 18, column: 34, endColumn: 41 }],
      output: null,
    },
    {
      name: 'annotation opt-out, revision label',
      code: docs(namespace('    istio.io/rev: canary\n'), optOutByAnnotation, peerAuth('shop', 'STRICT')),
      errors: [{ messageId: 'optOut', line: 17, column: 34 }],
      output: null,
    },
  ],
});
