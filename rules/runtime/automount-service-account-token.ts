// Every pod gets a token for its ServiceAccount unless the pod or the ServiceAccount turns the mount
// off. Most apps never call the Kubernetes API, and for them the token is only a credential an
// intruder can use. Information: whether the app needs it is not in the manifest.

import { defineRule, isSet, isTemplatedText, known, setIn, unknowable } from '../../server/src/engine';
import type { Fix, Workload } from '../../server/src/engine';
import { serviceAccounts } from './facts';

/** `automountServiceAccountToken` is a field of the pod spec, not of its securityContext. */
function setAutomountFalse(w: Workload): Fix {
  return (file) => (w.spec ? setIn({ text: file.text, doc: w.doc }, w.spec, ['automountServiceAccountToken'], false) : []);
}

export default defineRule({
  id: 'automount-service-account-token',
  meta: {
    title: 'Pods should not mount a service account token they may not need',
    description: 'A pod whose spec and ServiceAccount leave automountServiceAccountToken unset gets an API token mounted into every container.',
    category: 'runtime',
    severity: 'info',
    equivalents: { trivy: ['KSV-0036'], checkov: ['CKV_K8S_38'], kubescape: ['C-0034'] },
    compliance: 'none',
    kinds: 'workload',
    scope: 'workspace',
    reads: [serviceAccounts],
    fix: 'suggestion',
    messages: { mounted: 'pod mounts the token of service account "{account}" (automountServiceAccountToken is not set)' },
    hint: 'Set `automountServiceAccountToken: false` on the pod, or on its ServiceAccount, unless the app calls the Kubernetes API.',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w || ctx.partial) return;
    if (isSet(w.get(['automountServiceAccountToken']))) return;
    const nameNode = isSet(w.get(['serviceAccountName'])) ? w.get(['serviceAccountName']) : w.get(['serviceAccount']);
    if (unknowable(nameNode)) return;
    const account = isSet(nameNode) ? String(known(nameNode) ?? '') : 'default';
    const namespace = ctx.resource.namespace;
    if (!account || (namespace !== null && isTemplatedText(namespace))) return;
    const declared = ctx.workspace.facts(serviceAccounts, namespace).filter((sa) => sa.name === account && (sa.namespaceUnknown || sa.namespace === namespace));
    if (declared.some((sa) => sa.automount === false)) return;
    ctx.report({
      node: isSet(nameNode) ? nameNode : w.anchor,
      messageId: 'mounted',
      data: { account },
      suggestions: [{ title: 'Set automountServiceAccountToken: false on the pod (assumes the app does not call the Kubernetes API)', fix: setAutomountFalse(w) }],
    });
  },
});
