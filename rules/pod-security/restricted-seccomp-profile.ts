// Restricted from 1.19: every container must run under a seccomp profile, RuntimeDefault or
// Localhost, set on the pod or on the container. Windows pods are exempt from 1.25.

import { defineRule } from '../../server/src/engine';
import { checkSeccompField } from './profiles';
import { setOnPod } from '../../server/src/engine';
import { isSet } from '../../server/src/engine';

export default defineRule({
  id: 'restricted-seccomp-profile',
  meta: {
    title: 'Containers must run with a seccomp profile',
    description: 'seccompProfile.type must be RuntimeDefault or Localhost, set for the pod or for every container.',
    category: 'pod-security',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0030'], checkov: ['CKV_K8S_31'], kubescape: ['C-0210'] },
    compliance: { cis: ['5.7.2'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'seccompProfile_restricted', level: 'restricted', versions: ['1.19', '1.25'], overrides: { check: 'seccompProfile_baseline', from: '1.19' } },
    messages: {
      invalid: '{owner} uses seccomp profile {profile}',
      unset: 'container "{container}" has no seccomp profile',
    },
  },
  fixTitles: { invalid: 'Fix the seccomp profile type of the {owner}', unset: 'Set seccompProfile RuntimeDefault for the pod' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    if (ctx.atLeast('1.25') && w.isWindows) return;
    // A profile set with a type other than RuntimeDefault or Localhost breaks baseline too.
    const podValid = checkSeccompField(ctx, w, undefined, 'invalid', true);
    const podSet = isSet(w.get(['securityContext', 'seccompProfile']));
    for (const c of w.containers()) {
      if (isSet(c.get(['securityContext', 'seccompProfile']))) {
        checkSeccompField(ctx, w, c, 'invalid', true);
      } else if (!podValid && !podSet && !ctx.partial) {
        // A patch's container may take its profile from the resource it patches: only a set value is known.
        // An invalid pod profile is reported once on the pod; fixing it covers these containers too.
        ctx.report({ node: c.anchor, messageId: 'unset', data: { container: c.name }, fix: setOnPod(w, ['seccompProfile', 'type'], 'RuntimeDefault') });
      }
    }
  },
});
