// The admission family's facts in the workspace model: the name of every webhook of every webhook
// configuration, to find names declared twice. Plain data only.

import { defineFacts, Fact } from '../../server/src/engine';
import { webhookKinds, webhooksOf } from './webhook-model';

export interface WebhookNameFact extends Fact {
  kind: string;
  configuration: string;
  name: string;
  index: number;
}

export const webhookNames = defineFacts<WebhookNameFact>({
  id: 'admission.webhook-name',
  kinds: webhookKinds,
  extract: (resource, ctx) =>
    webhooksOf(resource)
      .map((w, index) => ({ w, index }))
      .filter(({ w }) => w.name !== '')
      .map(({ w, index }) => ({ at: ctx.at(w.anchor), kind: resource.kind, configuration: resource.name, name: w.name, index })),
  // Webhook configurations are cluster-scoped.
  namespaceOf: () => null,
});
