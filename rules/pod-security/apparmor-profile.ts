// Baseline: AppArmor confines what a container may do; `unconfined` turns it off. Both the legacy
// annotation and the securityContext.appArmorProfile field (Kubernetes 1.30+) are checked.

import { defineRule } from '../../server/src/engine';
import { replaceWith } from '../../server/src/engine';
import { checkProfileField } from './profiles';
import { isSet, unknowable } from '../../server/src/engine';

const annotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export default defineRule({
  id: 'apparmor-profile',
  meta: {
    title: 'AppArmor must not be disabled',
    description: 'AppArmor profiles must be RuntimeDefault or Localhost, in the appArmorProfile field and in the legacy annotation.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0002'] },
    compliance: { cis: ['5.7.3'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'appArmorProfile', level: 'baseline', versions: ['1.0'] },
    messages: {
      annotation: 'AppArmor annotation for "{container}" sets profile "{profile}"',
      field: '{owner} uses AppArmor profile {profile}',
    },
  },
  fixTitles: { annotation: 'Use runtime/default for "{container}"', field: 'Fix the AppArmor profile type of the {owner}' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const [key, entry] of w.annotations()) {
      if (!key.startsWith(annotationPrefix) || unknowable(entry.valueNode)) continue;
      if (allowedAnnotation(entry.value)) continue;
      ctx.report({
        node: entry.valueNode && isSet(entry.valueNode) ? entry.valueNode : entry.keyNode,
        messageId: 'annotation',
        data: { container: key.slice(annotationPrefix.length), profile: entry.value },
        fix: entry.valueNode && isSet(entry.valueNode) ? replaceWith(entry.valueNode, 'runtime/default') : undefined,
      });
    }
    checkProfileField(ctx, 'appArmorProfile', w, undefined, 'field');
    for (const c of w.containers()) checkProfileField(ctx, 'appArmorProfile', w, c, 'field');
  },
});
