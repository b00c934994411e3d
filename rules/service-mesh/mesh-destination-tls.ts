// Service mesh: how a DestinationRule makes the sidecar talk to a host. `tls.mode: DISABLE` to a
// service of the cluster sends plaintext where Istio would use mutual TLS; SIMPLE or MUTUAL
// origination to an external host without a CA of its own (`caCertificates`, `credentialName`)
// verifies the server only against the proxy's default roots — and not at all before Istio 1.20
// unless VERIFY_CERTIFICATE_AT_CLIENT is set — and `insecureSkipVerify: true` never verifies it.

import { asMap, defineRule, isScalar, nodeAt, replaceWith, scalarValue } from '../../server/src/engine';
import type { Node } from '../../server/src/engine';
import { isIstio } from './facts';
import { destinationTls, placeOf, stringAt } from './tls';

export default defineRule({
  id: 'mesh-destination-tls',
  meta: {
    title: 'DestinationRules must not send plaintext in the mesh nor skip server verification',
    description:
      'A DestinationRule with tls.mode DISABLE to a service of the cluster sends plaintext; SIMPLE or MUTUAL to an external host without caCertificates or credentialName, or with insecureSkipVerify, does not properly verify the server.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['DestinationRule'],
    scope: 'document',
    fix: 'suggestion',
    messages: {
      plaintext: 'DestinationRule "{name}" disables TLS to {host}, a service of the cluster: the traffic is plaintext',
      noCa: 'DestinationRule "{name}" originates TLS to {host} without caCertificates or credentialName: the server certificate is checked only against default roots, if at all',
      skipVerify: 'DestinationRule "{name}" skips verifying the certificate of {host}',
    },
  },
  check(ctx) {
    const { resource } = ctx;
    if (!isIstio(resource, 'networking')) return;
    const host = stringAt(resource, asMap(nodeAt(resource.doc, resource.root, ['spec'])), 'host');
    if (!host) return;
    const place = placeOf(host);
    const data = { name: resource.name || '(unnamed)', host };
    for (const tls of destinationTls(resource)) {
      const modeNode = nodeAt(resource.doc, tls, ['mode']) as Node | undefined;
      const mode = stringAt(resource, tls, 'mode');
      if (mode === 'DISABLE' && place === 'mesh' && modeNode) {
        const title = `Set mode ISTIO_MUTUAL (assumes ${host} runs an Istio sidecar)`;
        ctx.report({ node: modeNode, messageId: 'plaintext', data, suggestions: [{ title, fix: replaceWith(modeNode, 'ISTIO_MUTUAL') }] });
      }
      if (mode !== 'SIMPLE' && mode !== 'MUTUAL') continue;
      const skip = nodeAt(resource.doc, tls, ['insecureSkipVerify']);
      if (isScalar(skip) && scalarValue(skip) === true) {
        ctx.report({ node: skip, messageId: 'skipVerify', data, suggestions: [{ title: `Verify ${host} (assumes its certificate is signed by a trusted CA)`, fix: replaceWith(skip, false) }] });
      } else if (place === 'external' && modeNode && nodeAt(resource.doc, tls, ['caCertificates']) === undefined && nodeAt(resource.doc, tls, ['credentialName']) === undefined) {
        ctx.report({ node: modeNode, messageId: 'noCa', data });
      }
    }
  },
});
