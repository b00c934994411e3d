// Seccomp and AppArmor profiles share one shape (`type`, `localhostProfile`) and one rule: where a
// profile is set, its type must be RuntimeDefault or Localhost.

import { Container, keyAt, Node, RuleContext, Workload } from '../../server/src/engine';
import { replaceWith, setOnContainer, setOnPod } from '../../server/src/engine';
import { isSet, known, unknowable } from '../../server/src/engine';

const allowedTypes = new Set(['RuntimeDefault', 'Localhost']);

/**
 * Reports a profile field (`seccompProfile` or `appArmorProfile`) of the pod or a container that is
 * present with a type other than RuntimeDefault or Localhost. Returns true when present and valid.
 */
export function checkProfileField(
  ctx: Pick<RuleContext, 'report' | 'partial'>,
  field: 'seccompProfile' | 'appArmorProfile',
  w: Workload,
  c: Container | undefined,
  messageId: string,
  breaksBaseline = false,
): boolean {
  const owner = c ? `container "${c.name}"` : 'pod';
  const get = (path: string[]) => (c ? c.get(['securityContext', ...path]) : w.get(['securityContext', ...path]));
  const profile = get([field]);
  if (!isSet(profile)) return false;
  const typeNode = get([field, 'type']);
  // A patch that sets only part of a profile leaves the type to the resource it patches.
  if (unknowable(typeNode) || (ctx.partial && !isSet(typeNode))) return true;
  const type = known(typeNode);
  if (typeof type === 'string' && allowedTypes.has(type)) return true;
  // A profile that names a local file but no type means Localhost; the API accepts localhostProfile with no other type.
  const wanted = isSet(get([field, 'localhostProfile'])) && !isSet(typeNode) ? 'Localhost' : 'RuntimeDefault';
  const fix = isSet(typeNode) ? replaceWith(typeNode, wanted) : c ? setOnContainer(c, [field, 'type'], wanted) : setOnPod(w, [field, 'type'], wanted);
  const node: Node = isSet(typeNode) ? typeNode : (keyAt(w.doc, c ? c.node : w.spec, ['securityContext', field]) ?? profile);
  ctx.report({ node, messageId, data: { owner, profile: type === undefined ? 'without a type' : `"${String(type)}"` }, fix, breaksBaseline });
  return false;
}

export function checkSeccompField(ctx: Pick<RuleContext, 'report' | 'partial'>, w: Workload, c: Container | undefined, messageId: string, breaksBaseline = false): boolean {
  return checkProfileField(ctx, 'seccompProfile', w, c, messageId, breaksBaseline);
}
