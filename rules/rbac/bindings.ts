// The subjects and roleRef of a RoleBinding or ClusterRoleBinding with their nodes, for the rules
// that report on the subject or role at fault.

import { asMap, asSeq, deref, isTemplated, nodeAt, Resource, scalarValue } from '../../server/src/engine';
import type { Node } from '../../server/src/engine';
import { isRbac } from './entries';

export interface SubjectNode {
  kind: string;
  name: string;
  namespace: string | undefined;
  nameNode: Node;
}

export function roleRefOf(resource: Resource): { kind: string; name: string; nameNode: Node } | undefined {
  if (!isRbac(resource)) return undefined;
  const nameNode = nodeAt(resource.doc, resource.root, ['roleRef', 'name']);
  const kind = scalarValue(nodeAt(resource.doc, resource.root, ['roleRef', 'kind']));
  const name = scalarValue(nameNode);
  if (!nameNode || isTemplated(nameNode) || typeof kind !== 'string' || typeof name !== 'string') return undefined;
  return { kind, name, nameNode };
}

export function subjectsOf(resource: Resource): SubjectNode[] {
  if (!isRbac(resource)) return [];
  const out: SubjectNode[] = [];
  for (const item of asSeq(nodeAt(resource.doc, resource.root, ['subjects']))?.items ?? []) {
    const map = asMap(deref(resource.doc, item));
    const nameNode = nodeAt(resource.doc, map, ['name']);
    const kind = scalarValue(nodeAt(resource.doc, map, ['kind']));
    const name = scalarValue(nameNode);
    const namespace = scalarValue(nodeAt(resource.doc, map, ['namespace']));
    if (!nameNode || isTemplated(nameNode) || typeof kind !== 'string' || typeof name !== 'string') continue;
    out.push({ kind, name, namespace: typeof namespace === 'string' ? namespace : undefined, nameNode });
  }
  return out;
}
