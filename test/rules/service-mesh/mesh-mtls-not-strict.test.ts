import { ruleTester } from '../../helpers/rule-tester';
import { docs, peerAuth } from './fixtures';

const selector = '  selector:\n    matchLabels:\n      app: web\n';

ruleTester('mesh-mtls-not-strict', {
  valid: [
    { name: 'mesh-wide STRICT', code: peerAuth('istio-system', 'STRICT') },
    { name: 'UNSET inherits', code: peerAuth('shop', 'UNSET') },
    { name: 'no mtls at all', code: peerAuth('shop', null) },
    { name: 'templated mode', code: peerAuth('shop', '"{{ .Values.mode }}"') },
    { name: 'not Istio', code: 'apiVersion: example.com/v1\nkind: PeerAuthentication\nmetadata: {name: x}\nspec:\n  mtls:\n    mode: DISABLE\n' },
    {
      name: 'a port STRICT under a PERMISSIVE workload is stricter',
      code: peerAuth('shop', 'PERMISSIVE', `${selector}  portLevelMtls:\n    8080:\n      mode: STRICT\n`).replace('mode: PERMISSIVE', 'mode: UNSET'),
    },
    { name: 'port modes of a namespace-level policy are ignored by Istio', code: peerAuth('shop', 'STRICT', '  portLevelMtls:\n    8080:\n      mode: DISABLE\n') },
    {
      name: 'a port PERMISSIVE inheriting a PERMISSIVE namespace is no weaker',
      code: docs(peerAuth('shop', 'PERMISSIVE', '', 'ns').replace('PERMISSIVE', 'UNSET'), peerAuth('shop', 'UNSET', `${selector}  portLevelMtls:\n    8080:\n      mode: PERMISSIVE\n`, 'w')),
    },
  ],
  invalid: [
    {
      name: 'mesh-wide PERMISSIVE',
      code: peerAuth('istio-system', 'PERMISSIVE'),
      errors: [{ messageId: 'notStrict', line: 8, column: 11, endColumn: 21 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'namespace-level DISABLE (v1beta1)',
      code: peerAuth('shop', 'DISABLE').replace('/v1', '/v1beta1'),
      errors: [{ messageId: 'notStrict', line: 8, column: 11 }],
      output: null,
      suggestions: true,
    },
    { name: 'workload-level PERMISSIVE', code: peerAuth('shop', 'PERMISSIVE', selector), errors: [{ messageId: 'notStrict', line: 11, column: 11 }], output: null, suggestions: true },
    {
      name: 'a port DISABLE under a STRICT workload policy (numeric key)',
      code: peerAuth('shop', null, `${selector}  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: DISABLE\n`),
      errors: [{ messageId: 'portWeaker', line: 14, column: 13, endColumn: 20 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'a port PERMISSIVE under an UNSET workload policy inheriting a STRICT mesh in the same file',
      code: docs(peerAuth('istio-system', 'STRICT'), peerAuth('shop', 'UNSET', `${selector}  portLevelMtls:\n    "9090":\n      mode: PERMISSIVE\n`, 'w')),
      errors: [{ messageId: 'portWeaker', line: 21, column: 13 }],
      output: null,
      suggestions: true,
    },
  ],
});
