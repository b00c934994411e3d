// Service mesh: a Gateway that serves a host over HTTPS and also over plain HTTP without
// `tls.httpsRedirect` lets clients (and anyone on the path) use the plaintext one. The redirect is a
// suggestion: a client that cannot follow it, or must use HTTP, stops working.

import { defineRule, plain, setIn } from '../../server/src/engine';
import { isIstio, record } from './facts';
import { hostName, serversOf } from './gateway';

export default defineRule({
  id: 'mesh-gateway-https-redirect',
  meta: {
    title: 'Gateway HTTP servers should redirect hosts that have HTTPS',
    description: 'An Istio Gateway HTTP server for a host that the Gateway also serves over HTTPS should set tls.httpsRedirect, or clients may keep using plaintext.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Gateway'],
    scope: 'document',
    fix: 'suggestion',
    messages: { noRedirect: 'HTTP server of Gateway "{name}" serves {host} in plaintext although the Gateway also serves it over HTTPS' },
  },
  check(ctx) {
    const { resource } = ctx;
    if (!isIstio(resource, 'networking') || ctx.partial) return;
    const servers = serversOf(resource);
    const secure = new Set(servers.filter((s) => s.protocol === 'HTTPS').flatMap((s) => s.hosts.map((h) => hostName(h.value))));
    for (const server of servers) {
      if (server.protocol !== 'HTTP' || isRedirect(plain(resource.doc, server.tls))) continue;
      const shared = server.hosts.find((h) => secure.has(hostName(h.value)));
      if (!shared) continue;
      ctx.report({
        node: shared.node,
        messageId: 'noRedirect',
        data: { name: resource.name || '(unnamed)', host: shared.value },
        suggestions: [
          {
            title: 'Redirect to HTTPS (assumes every client of these hosts can follow a redirect to HTTPS)',
            fix: (parsed) => setIn({ text: parsed.text, doc: resource.doc }, server.map, ['tls', 'httpsRedirect'], true),
          },
        ],
      });
    }
  },
});

function isRedirect(tls: unknown): boolean {
  return record(tls)?.httpsRedirect === true;
}
