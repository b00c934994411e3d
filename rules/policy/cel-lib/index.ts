// The Kubernetes CEL libraries on @bufbuild/cel, one source of truth for the two families that evaluate
// or check CEL (policy, admission): the functions to register, the names implemented, and the names a
// policy may use that need the live cluster or that kube-harden does not implement.

import type { CelFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { lists } from './lists';
import { regex } from './regex';
import { quantities } from './quantity';
import { ips } from './ip';
export { isTypeName, opaqueText, typeRegistry } from './types';

/** Every function of the libraries, with the extended strings library of @bufbuild/cel. */
export const kubernetesFuncs: CelFunc[] = [...strings, ...lists, ...regex, ...quantities, ...ips];

type Call = { function: string; target?: { exprKind: { case: string | undefined; value?: unknown } } };

/** `ns.f` when the call `ns.f(…)` has a plain name as its target, the form of a namespaced function. */
export function qualifiedName(call: Call): string | undefined {
  const target = call.target?.exprKind;
  if (target?.case !== 'identExpr') return undefined;
  return `${(target.value as { name: string }).name}.${call.function}`;
}
