import { ruleTester } from '../../helpers/rule-tester';

const sidecar = (mode: string) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: shop
spec:
  outboundTrafficPolicy:
    mode: ${mode}
`;
const entry = (hosts: string) => `apiVersion: networking.istio.io/v1beta1
kind: ServiceEntry
metadata:
  name: external
spec:
  hosts: ${hosts}
  location: MESH_EXTERNAL
  ports: [{number: 443, name: https, protocol: TLS}]
  resolution: DNS
`;

ruleTester('mesh-egress-open', {
  valid: [
    { name: 'REGISTRY_ONLY', code: sidecar('REGISTRY_ONLY') },
    { name: 'a named host', code: entry('[api.dropboxapi.com]') },
    { name: 'a wildcard domain names a domain', code: entry('["*.example.com"]') },
    { name: 'templated mode', code: sidecar('"{{ .Values.mode }}"') },
  ],
  invalid: [
    { name: 'ALLOW_ANY', code: sidecar('ALLOW_ANY'), errors: [{ messageId: 'allowAny', line: 8, column: 11, endColumn: 20 }], output: null, suggestions: true },
    { name: 'a ServiceEntry for every host', code: entry('["*"]'), errors: [{ messageId: 'anyHost', line: 6, column: 11, endColumn: 14 }], output: null },
  ],
});
