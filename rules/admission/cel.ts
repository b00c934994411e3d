// CEL expressions of admission policies, read with @bufbuild/cel's parser: the syntax error with its
// offset in the expression, and the identifiers that name no variable the API server declares
// (`object`, `oldObject`, `request`, `params`, `namespaceObject`, `authorizer`, `variables`) and no
// variable bound by a macro (`all(c, …)`), nor a name of the policy's own `variables`.

import { parse } from '@bufbuild/cel';
// Namespaces of the Kubernetes CEL libraries' functions (`sets.contains(…)`, `ip.isCanonical(…)`).
import { functionNamespaces, isTypeName, typeNamespaces } from '../policy/cel-lib';

type Expr = ReturnType<typeof parse>['expr'];

export const rootVariables: ReadonlySet<string> = new Set(['object', 'oldObject', 'request', 'params', 'namespaceObject', 'authorizer', 'variables']);

/** Type names, which CEL reads as identifiers (`type(x) == string`). */
const typeNames = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

export interface CelProblem {
  kind: 'syntax' | 'unknownVariable' | 'unknownPolicyVariable';
  /** [start, end) in the expression. */
  start: number;
  end: number;
  name: string;
  message?: string;
}

interface SyntaxError {
  rawMessage?: string;
  location?: { start: { offset: number } };
}

/**
 * Comprehensions the parser leaves as calls (the two-variable `all(k, v, …)`, `transformList(i, v, …)`,
 * `sortBy(x, …)` of Kubernetes' CEL libraries): the names their leading arguments bind.
 */
const twoVariable = new Set(['all', 'exists', 'existsOne', 'exists_one', 'transformList', 'transformMap', 'transformMapEntry']);
const oneVariable = new Set(['sortBy', 'map', 'filter']);

function bindings(fn: string, args: readonly Expr[]): string[] {
  const ident = (e: Expr | undefined) => (e?.exprKind.case === 'identExpr' ? e.exprKind.value.name : undefined);
  const count = twoVariable.has(fn) && args.length >= 3 ? 2 : oneVariable.has(fn) && args.length >= 2 ? 1 : 0;
  const names = args.slice(0, count).map(ident);
  return names.every((n): n is string => n !== undefined) ? names : [];
}

function walk(expr: Expr | undefined, bound: ReadonlySet<string>, visit: (e: Expr, bound: ReadonlySet<string>, callTarget: boolean) => void, callTarget = false): void {
  if (!expr) return;
  visit(expr, bound, callTarget);
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      return walk(kind.value.operand, bound, visit);
    case 'callExpr': {
      walk(kind.value.target, bound, visit, true);
      const names = kind.value.target ? bindings(kind.value.function, kind.value.args) : [];
      const inner = names.length ? new Set([...bound, ...names]) : bound;
      return kind.value.args.slice(names.length).forEach((a) => walk(a, inner, visit));
    }
    case 'listExpr':
      return kind.value.elements.forEach((e) => walk(e, bound, visit));
    case 'structExpr':
      return kind.value.entries.forEach((e) => (walk(e.keyKind.case === 'mapKey' ? e.keyKind.value : undefined, bound, visit), walk(e.value, bound, visit)));
    case 'comprehensionExpr': {
      const c = kind.value;
      walk(c.iterRange, bound, visit);
      walk(c.accuInit, bound, visit);
      const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter(Boolean));
      for (const part of [c.loopCondition, c.loopStep, c.result]) walk(part, inner, visit);
      return;
    }
    default:
      return;
  }
}

/** The problems of one expression; `declared` are the names of the policy's `variables`, undefined when unknown. */
export function celProblems(expression: string, declared?: ReadonlySet<string>): CelProblem[] {
  let parsed;
  try {
    parsed = parse(expression);
  } catch (error) {
    // Syntax the parser does not know but Kubernetes' CEL does: optional selection (`a.?b`, `[?x]`,
    // `{?k: v}`) and backquoted field names. No finding rather than a false one.
    if (/\.\?|\[\?|\{\s*\?|`/.test(expression)) return [];
    const e = error as SyntaxError;
    const at = Math.min(e.location?.start.offset ?? 0, expression.length);
    return [{ kind: 'syntax', start: at, end: Math.min(at + 1, expression.length), name: '', message: e.rawMessage ?? String(error) }];
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const out: CelProblem[] = [];
  walk(parsed.expr, new Set(), (e, bound, callTarget) => {
    const at = positions[String(e.id)];
    if (at === undefined) return;
    if (e.exprKind.case === 'identExpr') {
      const name = e.exprKind.value.name;
      if (rootVariables.has(name) || bound.has(name) || typeNames.has(name) || typeNamespaces.has(name) || isTypeName(name) || (callTarget && functionNamespaces.has(name))) return;
      if (expression.slice(at, at + name.length) === name) out.push({ kind: 'unknownVariable', start: at, end: at + name.length, name });
      return;
    }
    if (declared && e.exprKind.case === 'selectExpr') {
      const { operand, field } = e.exprKind.value;
      if (operand?.exprKind.case !== 'identExpr' || operand.exprKind.value.name !== 'variables' || bound.has('variables') || declared.has(field)) return;
      const start = expression.indexOf(field, at);
      if (start >= 0 && /^\.\s*$/.test(expression.slice(at, start))) out.push({ kind: 'unknownPolicyVariable', start, end: start + field.length, name: field });
    }
  });
  return out.sort((a, b) => a.start - b.start);
}
