// Service mesh: a Gateway server with host `*` accepts requests for any host name on its port, so
// every VirtualService bound to it is reachable by any Host header, and a new VirtualService for
// any host is exposed through it as soon as it names the gateway.

import { defineRule } from '../../server/src/engine';
import { isIstio } from './facts';
import { hostName, serversOf } from './gateway';

export default defineRule({
  id: 'mesh-gateway-wildcard-host',
  meta: {
    title: 'Gateway servers should name their hosts',
    description: 'An Istio Gateway server with host "*" accepts requests for every host name and exposes every VirtualService bound to it.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Gateway'],
    scope: 'document',
    fix: 'none',
    messages: { anyHost: 'server of Gateway "{name}" accepts any host name' },
  },
  check(ctx) {
    const { resource } = ctx;
    if (!isIstio(resource, 'networking') || ctx.partial) return;
    for (const server of serversOf(resource)) {
      for (const host of server.hosts) {
        if (hostName(host.value) === '*') ctx.report({ node: host.node, messageId: 'anyHost', data: { name: resource.name || '(unnamed)' } });
      }
    }
  },
});
