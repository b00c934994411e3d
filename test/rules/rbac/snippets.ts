// Manifests the RBAC rule tables share, and the position of a marker in them.

import { ExpectedError } from '../../helpers/rule-tester';

const rbac = 'apiVersion: rbac.authorization.k8s.io/v1';

/** A Role or ClusterRole with the given `rules` entries (YAML lines at two spaces). */
export function role(rules: string, kind = 'ClusterRole', name = 'r', namespace?: string): string {
  return `${rbac}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}rules:\n${rules}`;
}

/** One entry of `rules` with flow lists. */
export function entry(apiGroups: string, resources: string, verbs: string, extra = ''): string {
  return `  - apiGroups: [${apiGroups}]\n    resources: [${resources}]\n    verbs: [${verbs}]\n${extra}`;
}

export function binding(kind: string, roleRef: string, subjects: string, options: { name?: string; namespace?: string; roleKind?: string } = {}): string {
  const ns = options.namespace ? `  namespace: ${options.namespace}\n` : '';
  const roleKind = options.roleKind ?? 'ClusterRole';
  return `${rbac}\nkind: ${kind}\nmetadata:\n  name: ${options.name ?? 'b'}\n${ns}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: ${roleRef}\nsubjects:\n${subjects}`;
}

export const sa = (name: string, namespace?: string) => `  - kind: ServiceAccount\n    name: ${name}\n${namespace ? `    namespace: ${namespace}\n` : ''}`;
export const group = (name: string) => `  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: ${name}\n`;

export function deployment(name: string, options: { namespace?: string; account?: string; automount?: boolean } = {}): string {
  const ns = options.namespace ? `  namespace: ${options.namespace}\n` : '';
  const account = options.account ? `      serviceAccountName: ${options.account}\n` : '';
  const automount = options.automount === undefined ? '' : `      automountServiceAccountToken: ${options.automount}\n`;
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns}spec:\n  template:\n    spec:\n${account}${automount}      containers:\n        - name: app\n          image: x\n`;
}

export const docs = (...parts: string[]) => parts.join('---\n');

/**
 * The finding expected at the `nth` (1-based) occurrence of `needle` in `code`. A needle that starts
 * with a quote or bracket points past it: the finding is on the scalar.
 */
export function at(code: string, needle: string, messageId: string, nth = 1): ExpectedError {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = code.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not in the snippet`);
  const before = code.slice(0, offset).split('\n');
  return { messageId, line: before.length, column: before[before.length - 1].length + 1 };
}
