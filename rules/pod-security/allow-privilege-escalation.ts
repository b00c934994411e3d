// Restricted: every container must set allowPrivilegeEscalation: false explicitly, so that
// setuid binaries and file capabilities cannot raise a process's privileges (no_new_privs).

import { defineRule } from '../../server/src/engine';
import { setOnContainer } from '../../server/src/engine';
import { isSet, known, unknowable } from '../../server/src/engine';
import { escalationRequiredBy } from './api-constraints';

export default defineRule({
  id: 'allow-privilege-escalation',
  meta: {
    title: 'Containers must not allow privilege escalation',
    description: 'Every container must set securityContext.allowPrivilegeEscalation to false.',
    category: 'pod-security',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0001'], checkov: ['CKV_K8S_20'], kubeLinter: ['privilege-escalation-container'], polaris: ['privilegeEscalationAllowed'], kubescape: ['C-0016', 'C-0197'] },
    compliance: { cis: ['5.2.6'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'allowPrivilegeEscalation', level: 'restricted', versions: ['1.8', '1.25'] },
    messages: {
      allowed: 'container "{container}" allows privilege escalation',
      unset: 'container "{container}" does not set allowPrivilegeEscalation: false',
    },
  },
  fixTitles: { allowed: 'Set allowPrivilegeEscalation: false on "{container}"', unset: 'Set allowPrivilegeEscalation: false on "{container}"' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    // Windows has no privilege escalation to prevent; exempt from 1.25 on.
    if (ctx.atLeast('1.25') && w.isWindows) return;
    for (const c of w.containers()) {
      const node = c.get(['securityContext', 'allowPrivilegeEscalation']);
      if (known(node) === false || unknowable(node)) continue;
      // The API rejects allowPrivilegeEscalation: false beside privileged: true or CAP_SYS_ADMIN: those go first.
      const fix = escalationRequiredBy(c) ? undefined : setOnContainer(c, ['allowPrivilegeEscalation'], false);
      if (isSet(node)) ctx.report({ node, messageId: 'allowed', data: { container: c.name }, fix });
      // A patch leaves out what it does not change: an absent field is the patched resource's.
      else if (!ctx.partial) ctx.report({ node: c.anchor, messageId: 'unset', data: { container: c.name }, fix });
    }
  },
});
