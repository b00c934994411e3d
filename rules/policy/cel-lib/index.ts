// The Kubernetes CEL libraries on @bufbuild/cel, one source of truth for the two families that evaluate
// or check CEL (policy, admission): the functions to register, the type names, the functions
// implemented and not, and what an expression needs that only the live cluster has.

import { libraries } from './catalog';
import { isImplemented, notImplemented } from './offline';

export { kubernetesFuncs } from './funcs';
export { isTypeName, opaqueText, typeNamespaces, typeRegistry } from './types';
export { isImplemented, notImplemented, offlineUses, offlineUsesOf } from './offline';
export type { OfflineUse } from './offline';
export { libraries } from './catalog';

/** The functions of the libraries that kube-harden evaluates, sorted. */
export const implementedFunctions: readonly string[] = [...new Set(libraries.flatMap((l) => l.functions))].filter((name) => !notImplemented.has(name) && isImplemented(name)).sort();

/** The namespaces of namespaced functions (`sets`, `ip`, `format`): a call's target that is no variable. */
export const functionNamespaces: ReadonlySet<string> = new Set(libraries.flatMap((l) => l.functions.filter((f) => f.includes('.')).map((f) => f.slice(0, f.lastIndexOf('.')))));

type Call = { function: string; target?: { exprKind: { case: string | undefined; value?: unknown } } };

/** `ns.f` when the call `ns.f(…)` has a plain name as its target, the form of a namespaced function. */
export function qualifiedName(call: Call): string | undefined {
  const target = call.target?.exprKind;
  if (target?.case !== 'identExpr') return undefined;
  return `${(target.value as { name: string }).name}.${call.function}`;
}
