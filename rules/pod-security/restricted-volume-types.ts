// Restricted: only volume types that cannot reach node or network storage by themselves are allowed.
// A volume with no source is an emptyDir (the API server defaults it so).

import { asMap, asSeq, defineRule, deref, entriesOf, isScalar, Node } from '../../server/src/engine';
import { isSet } from '../../server/src/engine';

/** `image` was added to the single upstream version of this check (Kubernetes 1.33), so it is allowed at every version. */
export const allowedVolumeTypes = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

export default defineRule({
  id: 'restricted-volume-types',
  meta: {
    title: 'Pods must use only restricted volume types',
    description: 'Volumes must be configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret.',
    category: 'pod-security',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0028'] },
    compliance: { cis: ['5.2.12'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    pss: { check: 'restrictedVolumes', level: 'restricted', versions: ['1.0'], overrides: { check: 'hostPathVolumes', from: '1.0' } },
    messages: { type: 'volume "{volume}" uses the {type} volume type' },
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const item of asSeq(w.get(['volumes']))?.items ?? []) {
      const volume = asMap(deref(w.doc, item));
      if (!volume) continue;
      const entries = entriesOf(w.doc, volume);
      const name = entries.find((p) => isScalar(p.key) && p.key.value === 'name');
      for (const pair of entries) {
        if (!isScalar(pair.key) || pair.key.value === 'name') continue;
        const type = String(pair.key.value);
        if (allowedVolumeTypes.has(type) || !isSet((pair.value ?? undefined) as Node | undefined)) continue;
        // hostPath is the one type baseline forbids as well.
        ctx.report({ node: pair.key, messageId: 'type', data: { volume: String(isScalar(name?.value) ? name.value.value : ''), type }, breaksBaseline: type === 'hostPath' });
      }
    }
  },
});
