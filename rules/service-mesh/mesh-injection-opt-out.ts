// Service mesh: a workload that opts out of sidecar injection (`sidecar.istio.io/inject: "false"`)
// in a namespace labelled for injection, while STRICT mTLS applies to it, has no proxy to hold a
// mesh certificate: its calls to STRICT workloads are refused, and nothing enforces the STRICT
// policy on its own port. Usually a leftover of a debugging session or a copied manifest.

import { defineRule, isTemplated, stringMap } from '../../server/src/engine';
import type { Node } from '../../server/src/engine';
import { hasUnknown, workloads } from '../network/facts';
import { peerAuthentications } from './facts';
import { namespaceInjection } from './injection';
import { workloadMtls } from './mtls';

const key = 'sidecar.istio.io/inject';

export default defineRule({
  id: 'mesh-injection-opt-out',
  meta: {
    title: 'Workloads under STRICT mTLS should not opt out of the sidecar',
    description: 'A workload that opts out of sidecar injection in a namespace labelled for it, while STRICT mTLS applies to it, cannot call STRICT workloads and does not enforce mTLS itself.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: 'workload',
    scope: 'workspace',
    reads: [workloads, peerAuthentications, 'Namespace'],
    fix: 'none',
    messages: { optOut: '{kind} "{name}" opts out of the sidecar that STRICT mTLS in its namespace relies on' },
  },
  check(ctx) {
    const [fact] = ctx.facts(workloads);
    const w = ctx.workload;
    if (!fact || !w || ctx.partial || hasUnknown(fact)) return;
    // The label is the current switch, the annotation the older one; either wins over the namespace.
    const found = [stringMap(w.doc, w.meta, 'labels').get(key), stringMap(w.doc, w.meta, 'annotations').get(key)].find((e) => e?.value === 'false' && !isTemplated(e.valueNode));
    if (!found?.valueNode || namespaceInjection(ctx.workspace, fact.namespace) !== 'sidecar') return;
    if (workloadMtls(ctx.workspace, fact)?.mode !== 'STRICT') return;
    ctx.report({ node: found.valueNode as Node, messageId: 'optOut', data: { kind: fact.kind, name: fact.name || '(unnamed)' } });
  },
});
