// Some host paths hand over the node, whatever the Pod Security level: the container runtime's
// socket starts privileged containers, /, /etc, /proc and /var/lib/kubelet hold the node's and
// every pod's credentials. The PSS rules already report every hostPath at baseline and restricted;
// this rule speaks where they are silent (a namespace that enforces privileged, or the rule off).

import { asMap, asSeq, defineRule, deref, known, unknowable } from '../../server/src/engine';

const sockets = /(^|\/)(docker|containerd|crio|cri-dockerd|podman)\.sock$/;
const exact: Record<string, string> = {
  '/': 'the whole node file system',
  '/etc': "the node's configuration and credentials",
  '/proc': "the node's processes and kernel settings",
  '/var/lib/kubelet': "every pod's volumes, secrets and tokens",
  '/var/run': 'the container runtime socket',
  '/run': 'the container runtime socket',
  '/var/run/containerd': 'the container runtime socket',
  '/run/containerd': 'the container runtime socket',
  '/var/run/crio': 'the container runtime socket',
  '/run/crio': 'the container runtime socket',
};

/** What a host path hands over, or undefined when it is not one of the node-owning paths. */
export function dangerOf(path: string): string | undefined {
  const normal = path.replace(/\/+$/, '') || '/';
  if (sockets.test(normal)) return 'control of the container runtime, which starts privileged containers';
  return exact[normal] ?? (/^\/var\/lib\/kubelet\/(pods|pki)(\/|$)/.test(normal) ? exact['/var/lib/kubelet'] : undefined);
}

export default defineRule({
  id: 'dangerous-host-path',
  meta: {
    title: 'Pods must not mount the host paths that hand over the node',
    description: 'A hostPath volume of a container runtime socket, /, /etc, /proc or /var/lib/kubelet gives the pod the node, at any Pod Security level.',
    category: 'runtime',
    severity: 'error',
    equivalents: { trivy: ['KSV-0006', 'KSV-0121'], checkov: ['CKV_K8S_27'], kubeLinter: ['docker-sock', 'sensitive-host-mounts'], kubescape: ['C-0048', 'C-0074'] },
    compliance: { cis: ['5.2.12'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    messages: { hostPath: 'volume "{volume}" mounts {path}, which gives the pod {danger}' },
    hint: 'Only a trusted node agent may mount this path; run it in a dedicated namespace and say why in a suppression.',
  },
  check(ctx) {
    const w = ctx.workload;
    // At baseline and restricted the Pod Security rules report the same volume.
    const pssReports = ctx.level !== 'privileged' && ctx.config.rules['host-path-volumes'] !== 'off';
    if (!w || pssReports) return;
    asSeq(w.get(['volumes']))?.items.forEach((item, i) => {
      if (!asMap(deref(w.doc, item))) return;
      const node = w.get(['volumes', i, 'hostPath', 'path']);
      const path = known(node);
      if (!node || unknowable(node) || typeof path !== 'string') return;
      const danger = dangerOf(path);
      if (danger) ctx.report({ node, messageId: 'hostPath', data: { volume: String(w.value(['volumes', i, 'name']) ?? i), path, danger } });
    });
  },
});
