// A webhook called through its Service needs the CA that signed the Service's certificate: without a
// caBundle the API server verifies against its own trust roots, which never signed an in-cluster
// certificate. Many installers write the bundle after applying (ingress-nginx's certgen Job, istiod,
// controllers that rotate their own certificates), which the manifest does not show: off by default.

import { defineRule, keyAt, nodeAt, scalarValue, stringMap } from '../../server/src/engine';
import { injectionAnnotations } from './webhook-ca-bundle-check';
import { field, nameOf, webhookKinds, webhooksOf } from './webhook-model';

export default defineRule({
  id: 'webhook-ca-bundle-missing',
  meta: {
    title: 'Service webhooks should carry or inject a caBundle',
    description:
      'A webhook called through a Service without a caBundle, and without an annotation by which cert-manager or OpenShift injects one, fails TLS verification unless something patches the bundle in later.',
    category: 'admission',
    severity: 'info',
    enabledByDefault: false,
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'document',
    fix: 'none',
    messages: {
      missing: 'webhook "{name}" calls a Service without a caBundle, and no annotation injects one',
      empty: 'caBundle of webhook "{name}" is empty, and no annotation injects one',
    },
    hint: 'Annotate the configuration with `cert-manager.io/inject-ca-from: <namespace>/<certificate>`, or write the CA certificate\u2019s base64 into `caBundle`.',
  },
  check(ctx) {
    if (ctx.partial) return;
    const { doc, root } = ctx.resource;
    const annotations = stringMap(doc, nodeAt(doc, root, ['metadata']), 'annotations');
    if (injectionAnnotations.some((a) => annotations.has(a))) return;
    for (const w of webhooksOf(ctx.resource)) {
      if (field(w, ['clientConfig', 'service']) === undefined) continue;
      const node = field(w, ['clientConfig', 'caBundle']);
      const value = scalarValue(node);
      if (node === undefined) ctx.report({ node: keyAt(w.doc, w.map, ['clientConfig']) ?? w.anchor, messageId: 'missing', data: { name: nameOf(w) } });
      else if (typeof value === 'string' ? value.trim() === '' : value === undefined && (node as { value?: unknown }).value === null)
        ctx.report({ node: keyAt(w.doc, w.map, ['clientConfig', 'caBundle'])!, messageId: 'empty', data: { name: nameOf(w) } });
    }
  },
});
