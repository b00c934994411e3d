// CVE-2020-8554: a Service with externalIPs receives the traffic every pod of the cluster sends to
// those addresses, so whoever may create Services can intercept it. Kubernetes never fixed this in
// the API; clusters turn the field off with the DenyServiceExternalIPs admission plugin.

import { asSeq, defineRule, keyAt, nodeAt, unknowable } from '../../server/src/engine';

export default defineRule({
  id: 'service-external-ips',
  meta: {
    title: 'Services should not set externalIPs',
    description: 'spec.externalIPs lets a Service intercept the cluster traffic to those addresses (CVE-2020-8554).',
    category: 'runtime',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Service'],
    scope: 'document',
    fix: 'none',
    messages: { externalIPs: 'Service sets externalIPs, which intercept cluster traffic to {ips} (CVE-2020-8554)' },
    hint: 'Use a LoadBalancer Service or an Ingress to expose the Service, and enable the DenyServiceExternalIPs admission plugin.',
  },
  check(ctx) {
    const { doc, root, apiVersion } = ctx.resource;
    if (apiVersion !== 'v1') return;
    const seq = asSeq(nodeAt(doc, root, ['spec', 'externalIPs']));
    if (!seq || seq.items.length === 0 || seq.items.some((item) => unknowable(item as never))) return;
    const ips = seq.items.map((item) => String((item as { value?: unknown }).value)).join(', ');
    ctx.report({ node: keyAt(doc, root, ['spec', 'externalIPs']) ?? ctx.resource.anchor, messageId: 'externalIPs', data: { ips } });
  },
});
