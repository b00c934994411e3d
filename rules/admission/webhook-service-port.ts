// A webhook that calls a port its Service does not expose: every call fails to connect, and with
// failurePolicy Fail every request it matches is rejected.

import { defineRule } from '../../server/src/engine';
import { services } from '../network/call-facts';
import { findService } from './webhook-service';
import { nameOf, serviceOf, webhookKinds, webhooksOf } from './webhook-model';

export default defineRule({
  id: 'webhook-service-port',
  meta: {
    title: 'Webhooks must call a port their Service exposes',
    description: 'The port of a webhook clientConfig.service (443 when unset) must be one of the ports of that Service.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'workspace',
    reads: [services],
    fix: 'none',
    messages: {
      port: 'webhook "{name}" calls port {port} of Service {target}, which exposes {value}',
      defaultPort: 'webhook "{name}" calls port 443 (the default) of Service {target}, which exposes {value}',
    },
    hint: 'Set `clientConfig.service.port` to a port of the Service, or expose the port the webhook calls.',
  },
  check(ctx) {
    if (ctx.partial) return;
    for (const w of webhooksOf(ctx.resource)) {
      const service = serviceOf(w);
      if (!service) continue;
      const fact = findService(ctx.workspace, service.namespace, service.name);
      // No ports read (none, or templated ones): nothing to compare with.
      if (!fact || fact.ports.length === 0 || fact.ports.some((p) => p.port === service.port)) continue;
      const data = { name: nameOf(w), port: service.port, target: `${service.namespace}/${service.name}`, value: fact.ports.map((p) => p.port).join(', ') };
      ctx.report({ node: service.portNode ?? service.nameNode, messageId: service.portNode ? 'port' : 'defaultPort', data });
    }
  },
});
