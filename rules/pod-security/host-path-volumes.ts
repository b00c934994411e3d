// Baseline: a hostPath volume exposes the node's file system to the pod. There is no safe automatic
// fix: the volume's mounts and the app's use of them must be rethought by a person.

import { asMap, asSeq, defineRule, deref, keyAt } from '../../server/src/engine';
import { isSet } from '../../server/src/engine';

export default defineRule({
  id: 'host-path-volumes',
  meta: {
    title: 'Pods must not mount hostPath volumes',
    description: 'No volume may use a hostPath source.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0023', 'KSV-0121'], kubeLinter: ['sensitive-host-mounts', 'writable-host-mount'], polaris: ['hostPathSet'], kubescape: ['C-0048', 'C-0045', 'C-0203'] },
    compliance: { cis: ['5.2.12'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    pss: { check: 'hostPathVolumes', level: 'baseline', versions: ['1.0'] },
    messages: { hostPath: 'volume "{volume}" mounts a host path' },
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    asSeq(w.get(['volumes']))?.items.forEach((item, i) => {
      const volume = asMap(deref(w.doc, item));
      if (!volume || !isSet(w.get(['volumes', i, 'hostPath']))) return;
      ctx.report({ node: keyAt(w.doc, volume, ['hostPath'])!, messageId: 'hostPath', data: { volume: String(w.value(['volumes', i, 'name']) ?? i) } });
    });
  },
});
