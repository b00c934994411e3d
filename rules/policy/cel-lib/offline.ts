// What an expression needs that an offline evaluation cannot give: the live cluster (`authorizer`,
// `request.userInfo`) or a function of the Kubernetes CEL libraries that kube-harden does not implement.
// An evaluator reports such an expression once as "cannot be evaluated offline" instead of guessing.

import { celEnv, parse } from '@bufbuild/cel';
import { kubernetesFuncs } from './funcs';
import { clusterOnly, libraries } from './catalog';

type Expr = ReturnType<typeof parse>['expr'];

export interface OfflineUse {
  /** The variable, field path or function: `authorizer`, `request.userInfo`, `optional.of`. */
  name: string;
  reason: 'cluster' | 'unimplemented';
  why: string;
  /** Offset of the use in the expression's text, when the parser recorded it. */
  offset?: number;
}

const probe = celEnv({ funcs: kubernetesFuncs });

/** Whether the environment has a function of that name (any overload). */
export const isImplemented = (name: string) => probe.funcs.find(name) !== undefined;

/** Functions kube-harden lacks; the authorizer's are not among them: the variable is the culprit. */
const missing = new Map<string, string>();
const all = new Map<string, string>();
for (const library of libraries) {
  for (const name of library.functions) {
    if (isImplemented(name) || all.has(name)) continue;
    all.set(name, library.needsCluster ?? `a function of the ${library.name} library that kube-harden does not implement`);
    if (!library.needsCluster) missing.set(name, all.get(name)!);
  }
}

/** Every function named by a library that kube-harden does not evaluate, with the reason. */
export const notImplemented: ReadonlyMap<string, string> = all;

/** The uses of `expr` that need the cluster or an unimplemented function, in the order of the text. */
export function offlineUses(expr: Expr | undefined, positions: Record<string, number> = {}, text?: string): OfflineUse[] {
  const out: OfflineUse[] = [];
  const at = (e: Expr, name?: string) => {
    const offset = positions[String(e.id)];
    // A call is placed at its `(` or `.`: the name itself is where a reader looks.
    if (offset === undefined || text === undefined || name === undefined) return offset;
    const found = text.indexOf(name, Math.max(0, offset - name.length));
    return found < 0 ? offset : found;
  };
  const visit = (e: Expr | undefined, bound: ReadonlySet<string>): void => {
    if (!e) return;
    const kind = e.exprKind;
    const path = selection(e);
    const cluster = path && !bound.has(path[0]) ? clusterOnly.find((c) => c.path.every((p, i) => path[i] === p)) : undefined;
    if (cluster) {
      out.push({ name: cluster.path.join('.'), reason: 'cluster', why: cluster.why, offset: at(e) });
      return;
    }
    if (kind.case === 'selectExpr') return visit(kind.value.operand, bound);
    if (kind.case === 'callExpr') {
      const target = kind.value.target?.exprKind;
      const qualified = target?.case === 'identExpr' && !bound.has(target.value.name) ? `${target.value.name}.${kind.value.function}` : undefined;
      const name = qualified && (missing.has(qualified) || isImplemented(qualified)) ? qualified : kind.value.function;
      const why = !isImplemented(name) ? missing.get(name) : undefined;
      if (why) out.push({ name, reason: 'unimplemented', why, offset: at(e, name) });
      if (name !== qualified) visit(kind.value.target, bound);
      for (const arg of kind.value.args) visit(arg, bound);
      return;
    }
    if (kind.case === 'listExpr') return kind.value.elements.forEach((x) => visit(x, bound));
    if (kind.case === 'structExpr') return kind.value.entries.forEach((x) => (visit(x.keyKind.case === 'mapKey' ? x.keyKind.value : undefined, bound), visit(x.value, bound)));
    if (kind.case === 'comprehensionExpr') {
      const c = kind.value;
      visit(c.iterRange, bound);
      visit(c.accuInit, bound);
      const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter(Boolean));
      for (const part of [c.loopCondition, c.loopStep, c.result]) visit(part, inner);
    }
  };
  visit(expr, new Set());
  const seen = new Set<string>();
  return out.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0)).filter((use) => !seen.has(use.name) && seen.add(use.name));
}

/** `[request, userInfo, username]` of `request.userInfo.username`; undefined unless plain names. */
function selection(e: Expr): string[] | undefined {
  const kind = e.exprKind;
  if (kind.case === 'identExpr') return [kind.value.name];
  if (kind.case !== 'selectExpr' || !kind.value.operand) return undefined;
  const base = selection(kind.value.operand);
  return base && [...base, kind.value.field];
}

/** The uses of an expression's text; none when it does not parse (its syntax error is reported elsewhere). */
export function offlineUsesOf(text: string): OfflineUse[] {
  try {
    const parsed = parse(text);
    return offlineUses(parsed.expr, parsed.sourceInfo?.positions, text);
  } catch {
    return [];
  }
}
