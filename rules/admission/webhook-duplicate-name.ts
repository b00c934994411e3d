// Webhook names identify a webhook in the API server's metrics, audit annotations and error
// messages: the same name twice in one configuration is rejected, and in two configurations of the
// workspace it makes every failure ambiguous (often a copy that was meant to be renamed).

import { defineRule } from '../../server/src/engine';
import { webhookNames } from './webhook-facts';
import { webhooksOf } from './webhook-model';

export default defineRule({
  id: 'webhook-duplicate-name',
  meta: {
    title: 'Webhook names must be unique',
    description: 'A webhook name must be unique within its configuration (the API server rejects a duplicate) and should be unique across the webhook configurations of the workspace.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
    scope: 'workspace',
    reads: [webhookNames],
    fix: 'none',
    messages: {
      sameConfiguration: 'webhook name "{name}" is used twice in this configuration, which the API server rejects',
      otherConfiguration: 'webhook name "{name}" is also used by {kind} "{target}"',
    },
    hint: 'Give every webhook its own fully qualified name, e.g. `validate-pods.example.com`.',
  },
  check(ctx) {
    if (ctx.partial) return;
    const { kind, name: configuration } = ctx.resource;
    const all = ctx.workspace.facts(webhookNames);
    webhooksOf(ctx.resource).forEach((w, index) => {
      if (!w.name) return;
      const same = all.filter((f) => f.name === w.name && f.kind === kind);
      const here = same.filter((f) => f.at.file === ctx.workspace.file && f.configuration === configuration);
      if (here.some((f) => f.index < index)) {
        ctx.report({ node: w.anchor, messageId: 'sameConfiguration', data: { name: w.name } });
        return;
      }
      // The same configuration declared again (another file, an overlay) is the same object, not a clash.
      const other = same.find((f) => f.configuration !== configuration);
      if (other) ctx.report({ node: w.anchor, messageId: 'otherConfiguration', data: { name: w.name, kind, target: other.configuration } });
    });
  },
});
