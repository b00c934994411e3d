// A webhook whose Service the workspace does not declare: perhaps applied from elsewhere, perhaps
// misspelt or in the wrong namespace, in which case every call fails. Information only.

import { defineRule } from '../../server/src/engine';
import { services } from '../network/call-facts';
import { findService, maybeService } from './webhook-service';
import { nameOf, serviceOf, webhookKinds, webhooksOf } from './webhook-model';

export default defineRule({
  id: 'webhook-service-missing',
  meta: {
    title: 'Webhook Services should be declared in the workspace',
    description: 'A webhook calls a Service that no manifest of the workspace declares; if it does not exist in the cluster either, every call fails.',
    category: 'admission',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'workspace',
    reads: [services],
    fix: 'none',
    messages: { missing: 'webhook "{name}" calls Service {target}, which no manifest of the workspace declares' },
    hint: 'Check the Service\u2019s name and namespace, or keep its manifest beside the webhook configuration.',
  },
  check(ctx) {
    if (ctx.partial) return;
    for (const w of webhooksOf(ctx.resource)) {
      const service = serviceOf(w);
      if (!service || /\{\{|\$\{/.test(service.name + service.namespace)) continue;
      if (findService(ctx.workspace, service.namespace, service.name) || maybeService(ctx.workspace, service.name)) continue;
      ctx.report({ node: service.nameNode, messageId: 'missing', data: { name: nameOf(w), target: `${service.namespace}/${service.name}` } });
    }
  },
});
