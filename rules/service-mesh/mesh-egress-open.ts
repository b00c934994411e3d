// Service mesh: egress the mesh does not control. A Sidecar with `outboundTrafficPolicy.mode:
// ALLOW_ANY` lets its workloads reach any host outside the mesh's registry, and a ServiceEntry for
// host `*` adds every host of the internet to it; either way egress is no longer an allowlist.

import { asMap, defineRule, nodeAt, replaceWith } from '../../server/src/engine';
import { stringsAt } from './authz';
import { isIstio } from './facts';
import { stringAt } from './tls';

export default defineRule({
  id: 'mesh-egress-open',
  meta: {
    title: 'Mesh egress should be limited to registered hosts',
    description: 'A Sidecar with outboundTrafficPolicy ALLOW_ANY, or a ServiceEntry for host "*", lets workloads reach any external host.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Sidecar', 'ServiceEntry'],
    scope: 'document',
    fix: 'suggestion',
    messages: {
      allowAny: 'Sidecar "{name}" lets its workloads reach any external host (ALLOW_ANY)',
      anyHost: 'ServiceEntry "{name}" registers every host (*)',
    },
  },
  check(ctx) {
    const { resource } = ctx;
    if (!isIstio(resource, 'networking') || ctx.partial) return;
    const name = resource.name || '(unnamed)';
    if (resource.kind === 'Sidecar') {
      const policy = asMap(nodeAt(resource.doc, resource.root, ['spec', 'outboundTrafficPolicy']));
      const mode = nodeAt(resource.doc, policy, ['mode']);
      if (mode && stringAt(resource, policy, 'mode') === 'ALLOW_ANY') {
        const title = 'Set mode REGISTRY_ONLY (assumes every external host the workloads call has a ServiceEntry)';
        ctx.report({ node: mode, messageId: 'allowAny', data: { name }, suggestions: [{ title, fix: replaceWith(mode, 'REGISTRY_ONLY') }] });
      }
      return;
    }
    const spec = asMap(nodeAt(resource.doc, resource.root, ['spec']));
    for (const host of spec ? stringsAt(resource, spec, 'hosts') : []) {
      if (host.value === '*') ctx.report({ node: host.node, messageId: 'anyHost', data: { name } });
    }
  },
});
