// Restricted: containers must run as a non-root user, enforced by the kubelet through runAsNonRoot.
// From 1.35 a pod in its own user namespace (hostUsers: false) is exempt: its root is not the host's.

import { defineRule } from '../../server/src/engine';
import { replaceWith, setOnPod } from '../../server/src/engine';
import { isSet, known, unknowable } from '../../server/src/engine';
import { inheriting, runsAsRoot } from './api-constraints';

export default defineRule({
  id: 'run-as-non-root',
  meta: {
    title: 'Containers must run as non-root',
    description: 'runAsNonRoot must be true for the pod or for every container, and never false.',
    category: 'pod-security',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0012'], checkov: ['CKV_K8S_23'], kubeLinter: ['run-as-non-root'], polaris: ['runAsRootAllowed'], kubescape: ['C-0013', 'C-0198'] },
    compliance: { cis: ['5.2.7'], nsa: ['non-root', 'pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'runAsNonRoot', level: 'restricted', versions: ['1.0', '1.35'] },
    messages: {
      podFalse: 'pod sets runAsNonRoot: false',
      containerFalse: 'container "{container}" sets runAsNonRoot: false',
      unset: 'container "{container}" may run as root: runAsNonRoot is not set',
    },
  },
  fixTitles: { podFalse: 'Set runAsNonRoot: true', containerFalse: 'Set runAsNonRoot: true on "{container}"', unset: 'Set runAsNonRoot: true for the pod' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    if (ctx.atLeast('1.35') && w.usesUserNamespace) return;
    const podNode = w.get(['securityContext', 'runAsNonRoot']);
    // A templated pod value is unknown: it may cover unset containers, but never an explicit false.
    const podUnknown = unknowable(podNode);
    const pod = known(podNode);
    // runAsNonRoot: true beside an effective runAsUser: 0 makes the kubelet refuse the container: that user goes first.
    const podFixSafe = !inheriting(w, 'runAsNonRoot').some(runsAsRoot);
    if (isSet(podNode) && !podUnknown && pod !== true) ctx.report({ node: podNode, messageId: 'podFalse', fix: podFixSafe ? replaceWith(podNode, true) : undefined });
    for (const c of w.containers()) {
      const node = c.get(['securityContext', 'runAsNonRoot']);
      if (unknowable(node)) continue;
      if (isSet(node)) {
        if (known(node) !== true) ctx.report({ node, messageId: 'containerFalse', data: { container: c.name }, fix: runsAsRoot(c) ? undefined : replaceWith(node, true) });
      } else if (!isSet(podNode) && !podUnknown && !ctx.partial) {
        // (A patch leaves out what it does not change: an absent value is the patched resource's.)
        // With the pod's value false, the finding on the pod says it all.
        ctx.report({ node: c.anchor, messageId: 'unset', data: { container: c.name }, fix: podFixSafe ? setOnPod(w, ['runAsNonRoot'], true) : undefined });
      }
    }
  },
});
