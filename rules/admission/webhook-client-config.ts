// How the API server reaches a webhook: exactly one of `url` and `service`, and a `url` that is
// https (the API server refuses anything else), carries no credentials (refused too, and readable by
// anyone who can read the configuration), and names a host the API server can really reach.

import { asMap, defineRule, isTemplated, keyAt, known, Node } from '../../server/src/engine';
import type { RuleContext } from '../../server/src/engine';
import { field, nameOf, Webhook, webhookKinds, webhooksOf } from './webhook-model';

const messages = {
  both: 'clientConfig of webhook "{name}" sets both url and service',
  neither: 'clientConfig of webhook "{name}" sets neither url nor service',
  invalid: 'url of webhook "{name}" is not a valid URL',
  notHttps: 'url of webhook "{name}" is not https, which the API server rejects',
  credentials: 'url of webhook "{name}" carries user credentials, which the API server rejects',
  ip: 'url of webhook "{name}" points at the IP address {host}, whose certificate rarely matches and which moves',
  localhost: 'url of webhook "{name}" points at {host}, the API server itself',
};
type Id = keyof typeof messages;

export default defineRule<Id>({
  id: 'webhook-client-config',
  meta: {
    title: 'Webhook clientConfig must name one reachable https endpoint',
    description: 'A webhook clientConfig sets exactly one of url and service; a url is https, without credentials, and not an IP literal or localhost.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'document',
    fix: 'none',
    messages,
    hint: 'Point the webhook at its Service (`clientConfig.service`), or at an `https://` URL with a DNS name its certificate covers.',
  },
  check(ctx) {
    for (const w of webhooksOf(ctx.resource)) {
      const config = asMap(field(w, ['clientConfig']));
      if (!config) continue;
      const url = field(w, ['clientConfig', 'url']);
      const service = field(w, ['clientConfig', 'service']);
      const at = keyAt(w.doc, w.map, ['clientConfig']) ?? w.anchor;
      if (url !== undefined && service !== undefined) ctx.report({ node: at, messageId: 'both', data: { name: nameOf(w) } });
      else if (url === undefined && service === undefined) ctx.report({ node: at, messageId: 'neither', data: { name: nameOf(w) } });
      if (url && !isTemplated(url)) checkUrl(ctx, w, url);
    }
  },
});

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function checkUrl(ctx: RuleContext<Id>, w: Webhook, node: Node): void {
  const text = known(node);
  if (typeof text !== 'string') return;
  const data = { name: nameOf(w) };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.report({ node, messageId: 'invalid', data });
    return;
  }
  // The credentials are never echoed: the message names the problem, not the value.
  if (url.username || url.password) ctx.report({ node, messageId: 'credentials', data });
  if (url.protocol !== 'https:') ctx.report({ node, messageId: 'notHttps', data });
  const host = url.hostname;
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]') ctx.report({ node, messageId: 'localhost', data: { ...data, host } });
  else if (ipv4.test(host) || host.startsWith('[')) ctx.report({ node, messageId: 'ip', data: { ...data, host } });
}
