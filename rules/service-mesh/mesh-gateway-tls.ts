// Service mesh: TLS of an Istio Gateway's servers. A minimum protocol version below TLS 1.2 accepts
// protocols with known weaknesses; an HTTPS server (or TLS SIMPLE/MUTUAL) without `credentialName`,
// `credentialNames` or certificate files has no certificate to serve. PASSTHROUGH hands TLS to the
// workload and is explained in the documentation, not reported.

import { defineRule, keyAt, nodeAt, replaceWith } from '../../server/src/engine';
import { isIstio } from './facts';
import { serversOf } from './gateway';
import { stringAt } from './tls';

const weakVersions = new Set(['TLSV1_0', 'TLSV1_1']);

export default defineRule({
  id: 'mesh-gateway-tls',
  meta: {
    title: 'Gateway servers must terminate TLS 1.2 or newer with a certificate',
    description: 'An Istio Gateway server whose minProtocolVersion is below TLSV1_2 accepts weak protocols, and an HTTPS server without credentialName or certificate files cannot terminate TLS.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Gateway'],
    scope: 'document',
    fix: 'suggestion',
    messages: {
      weakVersion: 'Gateway "{name}" accepts {version}, below TLS 1.2',
      noCertificate: 'HTTPS server of Gateway "{name}" has no credentialName or certificate files',
    },
  },
  check(ctx) {
    const { resource } = ctx;
    if (!isIstio(resource, 'networking') || ctx.partial) return;
    const name = resource.name || '(unnamed)';
    for (const server of serversOf(resource)) {
      const version = nodeAt(resource.doc, server.tls, ['minProtocolVersion']);
      const value = stringAt(resource, server.tls, 'minProtocolVersion');
      if (version && value && weakVersions.has(value)) {
        const title = 'Set minProtocolVersion TLSV1_2 (assumes no client needs TLS 1.0 or 1.1)';
        ctx.report({ node: version, messageId: 'weakVersion', data: { name, version: value }, suggestions: [{ title, fix: replaceWith(version, 'TLSV1_2') }] });
      }
      const mode = stringAt(resource, server.tls, 'mode') ?? (server.protocol === 'HTTPS' ? 'SIMPLE' : undefined);
      if (server.protocol !== 'HTTPS' || (mode !== 'SIMPLE' && mode !== 'MUTUAL')) continue;
      const has = (key: string) => nodeAt(resource.doc, server.tls, [key]) !== undefined;
      if (['credentialName', 'credentialNames', 'serverCertificate', 'tlsCertificates'].some(has)) continue;
      const at = keyAt(resource.doc, server.map, ['tls']) ?? keyAt(resource.doc, server.map, ['port']);
      if (at) ctx.report({ node: at, messageId: 'noCertificate', data: { name } });
    }
  },
});
