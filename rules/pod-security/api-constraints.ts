// The API server's cross-field validation that a fix could break. A fix that would turn an admitted
// manifest into one the API rejects is not safe: these tell the rules when to withhold it.

import { asSeq, Container, known, Node, Workload } from '../../server/src/engine';

/** The `mountPropagation: Bidirectional` nodes of a container's volume mounts: the API allows them only in privileged containers. */
export function bidirectionalMounts(c: Container): Array<{ node: Node; mount: string }> {
  const mounts = asSeq(c.get(['volumeMounts']));
  const out: Array<{ node: Node; mount: string }> = [];
  mounts?.items.forEach((_, i) => {
    const node = c.get(['volumeMounts', i, 'mountPropagation']);
    if (node && known(node) === 'Bidirectional') out.push({ node, mount: String(known(c.get(['volumeMounts', i, 'name'])) ?? `volumeMounts[${i}]`) });
  });
  return out;
}

/** Why the API would reject `allowPrivilegeEscalation: false` on this container, if it would. */
export function escalationRequiredBy(c: Container): string | undefined {
  if (known(c.get(['securityContext', 'privileged'])) === true) return 'privileged: true';
  // The API compares the literal string; runtimes accept SYS_ADMIN too, which the API lets through.
  const added = asSeq(c.get(['securityContext', 'capabilities', 'add']));
  if (added?.items.some((_, i) => known(c.get(['securityContext', 'capabilities', 'add', i])) === 'CAP_SYS_ADMIN')) return 'CAP_SYS_ADMIN';
  return undefined;
}

/** Whether a container runs as user 0 by its own or the pod's runAsUser: the kubelet then refuses runAsNonRoot: true. */
export function runsAsRoot(c: Container): boolean {
  return known(c.effective('runAsUser')?.node) === 0;
}

/** The containers that a pod-level securityContext field reaches: those that do not set it themselves. */
export function inheriting(w: Workload, field: string): Container[] {
  return w.containers().filter((c) => c.get(['securityContext', field]) === undefined);
}
