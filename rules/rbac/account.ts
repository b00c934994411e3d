// The ServiceAccount a workload's pods run as, read from its pod spec: `serviceAccountName` (or the
// deprecated `serviceAccount`), else the namespace's `default`. Undefined when a template decides.

import { isTemplated, isTemplatedText, keyAt, nodeAt, Resource, Workload } from '../../server/src/engine';
import type { Node } from '../../server/src/engine';
import { AccountRef } from './graph';

export interface WorkloadAccount extends AccountRef {
  /** The `serviceAccountName` value, or the workload's name when unset: where a finding goes. */
  node: Node;
  explicit: boolean;
  /** `automountServiceAccountToken` of the pod spec when set to a boolean. */
  automount?: boolean;
}

export function workloadAccount(resource: Resource, workload: Workload): WorkloadAccount | undefined {
  if (resource.namespace !== null && isTemplatedText(resource.namespace)) return undefined;
  const field = ['serviceAccountName', 'serviceAccount'].find((f) => workload.get([f]) !== undefined);
  const valueNode = field ? workload.get([field]) : undefined;
  const value = valueNode ? workload.value([field!]) : undefined;
  if (valueNode && (isTemplated(valueNode) || (typeof value === 'string' && isTemplatedText(value)))) return undefined;
  const explicit = typeof value === 'string' && value !== '';
  const node = explicit ? valueNode! : (nodeAt(resource.doc, resource.root, ['metadata', 'name']) ?? keyAt(resource.doc, resource.root, ['kind']) ?? resource.anchor);
  const automount = workload.value(['automountServiceAccountToken']);
  return { name: explicit ? (value as string) : 'default', namespace: resource.namespace, node, explicit, ...(typeof automount === 'boolean' ? { automount } : {}) };
}
