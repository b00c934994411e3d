// Rules with wildcards intercept far more than the webhook needs: `*` resources of the core group
// or of every group include events, leases, namespaces and the webhook configurations themselves;
// `*` operations include DELETE and CONNECT (exec, attach, port-forward); `pods/*` every subresource.

import { defineRule } from '../../server/src/engine';
import { broadGroups, rulesOf, webhookKinds, webhooksOf } from './webhook-model';

export default defineRule({
  id: 'webhook-wildcard-rules',
  meta: {
    title: 'Webhook rules should name the resources and operations they need',
    description: 'Wildcard resources, operations or subresources make every such request wait on the webhook, including leases, events and the webhook configurations themselves.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'document',
    fix: 'none',
    messages: {
      resource: 'rule of webhook "{name}" intercepts every resource ({value}) of {where}',
      operation: 'rule of webhook "{name}" intercepts every operation, DELETE and CONNECT included',
      subresource: 'rule of webhook "{name}" intercepts every subresource of {kind}',
    },
    hint: 'List the resources, subresources and operations the webhook acts on, e.g. `resources: [pods]`, `operations: [CREATE, UPDATE]`.',
  },
  check(ctx) {
    for (const w of webhooksOf(ctx.resource)) {
      const name = w.name || '(unnamed)';
      for (const rule of rulesOf(w)) {
        const broad = broadGroups(rule);
        const groups = rule.apiGroups?.items.some((g) => g.value === '*') ? 'every API group' : 'the core API group';
        for (const { value, node } of rule.resources?.items ?? []) {
          const [resource, sub] = value.split('/');
          if (resource === '*' && broad) ctx.report({ node, messageId: 'resource', data: { name, value, where: groups } });
          else if (resource !== '*' && sub === '*') ctx.report({ node, messageId: 'subresource', data: { name, kind: resource } });
        }
        for (const { value, node } of rule.operations?.items ?? []) {
          if (value === '*') ctx.report({ node, messageId: 'operation', data: { name } });
        }
      }
    }
  },
});
