// CEL for kube-harden (loaded through cel-eval.ts, on first use): expressions compiled once per text (parse, static checks, plan) and evaluated
// on plain data. @bufbuild/cel parses with exact positions and evaluates, but its type checker covers
// only constants and identifiers: undeclared variables, unknown functions and constant operands of
// the wrong type are found here, before the first resource, with the offset of the culprit.

import { celEnv, celList, celMap, isCelError, isCelList, isCelMap, parse, plan } from '@bufbuild/cel';
import type { CelInput, CelValue } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { isTypeName, kubernetesFuncs, notImplemented, offlineUses, opaqueText, qualifiedName, typeRegistry } from './cel-lib';
import type { OfflineUse } from './cel-lib';

export { celMap };

/** An error of the expression itself, at `[offset, offset + length)` of its text. */
export interface CelProblem {
  message: string;
  offset: number;
  length: number;
}

/**
 * `run` takes values as `toCel` gives them: converted once per resource, not once per rule. `offline`
 * lists what the expression needs that only the cluster has or that kube-harden does not implement:
 * when it is not empty, `run` answers an error and the caller reports "cannot be evaluated offline".
 */
export type Compiled = { ok: true; run: (bindings: Record<string, unknown>) => EvalResult; paths: string[][]; offline: OfflineUse[] } | { ok: false; problem: CelProblem };

export type EvalResult = { ok: true; value: CelValue } | { ok: false; error: string };

const env = celEnv({ funcs: kubernetesFuncs, registry: typeRegistry });

/** Plans by expression text; bounded so that a session of edits to the config does not grow it forever. */
const cache = new Map<string, Compiled>();
const maxCached = 1000;

/** The expression compiled for the variables `variables`, from the cache when it was compiled before. */
export function compile(text: string, variables: readonly string[]): Compiled {
  const key = `${variables.join(',')}\n${text}`;
  let compiled = cache.get(key);
  if (!compiled) {
    if (cache.size >= maxCached) cache.clear();
    compiled = compileAnew(text, variables);
    cache.set(key, compiled);
  }
  return compiled;
}

function compileAnew(text: string, variables: readonly string[]): Compiled {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (error) {
    return { ok: false, problem: syntaxProblem(error, text) };
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const at = (id: bigint) => positions[String(id)] ?? 0;
  const problem = staticProblem(parsed.expr, new Set(variables), at, text);
  if (problem) return { ok: false, problem };
  let evaluate: ReturnType<typeof plan>;
  try {
    evaluate = plan(env, parsed);
  } catch (error) {
    return { ok: false, problem: { message: errorText(error), offset: 0, length: text.length } };
  }
  const run = (bindings: Record<string, unknown>): EvalResult => {
    try {
      const value = evaluate(bindings as Record<string, never>);
      return isCelError(value) ? { ok: false, error: value.message } : { ok: true, value };
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
  };
  const offline = offlineUses(parsed.expr, positions, text);
  if (offline.length) {
    const error = `cannot be evaluated offline: '${offline[0].name}' (${offline[0].why})`;
    return { ok: true, run: () => ({ ok: false, error }), paths: objectPaths(parsed.expr), offline };
  }
  return { ok: true, run, paths: objectPaths(parsed.expr), offline };
}

function syntaxProblem(error: unknown, text: string): CelProblem {
  const location = (error as { location?: { start?: { offset?: number }; end?: { offset?: number } } }).location;
  const start = Math.min(location?.start?.offset ?? 0, text.length);
  const end = Math.max(start, Math.min(location?.end?.offset ?? start, text.length));
  // peggy's message starts with `<input>:line:column: `, which the diagnostic's own position says better.
  const message = errorText(error).replace(/^<input>:\d+:\d+:\s*/, '');
  return { message: `syntax error: ${message}`, offset: start, length: Math.max(1, end - start) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const operator = /^(_.*_|_\[_\]|!_|-_|@in|@not_strictly_false)$/;
const macros = new Set(['has', 'all', 'exists', 'exists_one', 'map', 'filter']);

/**
 * The first problem found without data: a name that is no variable, a function the environment does
 * not have, or a call on constants that fails (`'a' + 1`).
 */
function staticProblem(root: Expr, variables: ReadonlySet<string>, at: (id: bigint) => number, text: string): CelProblem | undefined {
  const visit = (expr: Expr | undefined, scope: ReadonlySet<string>): CelProblem | undefined => {
    if (!expr) return undefined;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'identExpr':
        if (scope.has(kind.value.name) || variables.has(kind.value.name) || isTypeName(kind.value.name)) return undefined;
        return { message: `undeclared reference to '${kind.value.name}' (the variables are ${[...variables].join(', ')})`, offset: at(expr.id), length: kind.value.name.length };
      case 'selectExpr': {
        const name = dottedName(expr);
        return name !== undefined && !scope.has(name.split('.')[0]) && isTypeName(name) ? undefined : visit(kind.value.operand, scope);
      }
      case 'callExpr': {
        const call = kind.value;
        // `strings.quote(s)`, `ip.isCanonical(s)`: a function of a namespace, whose target is no variable.
        const qualified = qualifiedName(call);
        if (qualified !== undefined && env.funcs.find(qualified) !== undefined) return first(call.args.map((a) => () => visit(a, scope)));
        // A function of the Kubernetes libraries that kube-harden lacks is no error of the expression.
        if (qualified !== undefined && notImplemented.has(qualified)) return first(call.args.map((a) => () => visit(a, scope)));
        if (notImplemented.has(call.function)) return first([call.target, ...call.args].map((a) => () => visit(a, scope)));
        if (!operator.test(call.function) && !macros.has(call.function) && env.funcs.find(call.function) === undefined) {
          const offset = text.indexOf(call.function, call.target ? at(expr.id) : Math.max(0, at(expr.id) - call.function.length));
          return { message: `unknown function '${call.function}'`, offset: offset < 0 ? at(expr.id) : offset, length: call.function.length };
        }
        for (const part of [call.target, ...call.args]) {
          const found = visit(part, scope);
          if (found) return found;
        }
        return constantCall(expr, (id) => skipBlanks(text, at(id)));
      }
      case 'listExpr':
        return first(kind.value.elements.map((e) => () => visit(e, scope)));
      case 'structExpr':
        return first(kind.value.entries.map((e) => () => visit(e.keyKind.case === 'mapKey' ? e.keyKind.value : undefined, scope) ?? visit(e.value, scope)));
      case 'comprehensionExpr': {
        const c = kind.value;
        const inner = new Set([...scope, c.iterVar, c.iterVar2, c.accuVar].filter(Boolean));
        return visit(c.iterRange, scope) ?? visit(c.accuInit, scope) ?? first([c.loopCondition, c.loopStep, c.result].map((e) => () => visit(e, inner)));
      }
      default:
        return undefined;
    }
  };
  return visit(root, new Set());
}

/** `a.b.c` of a selection of plain names, the form of a type name (`net.IP`). */
function dottedName(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === 'identExpr') return kind.value.name;
  if (kind.case !== 'selectExpr' || !kind.value.operand) return undefined;
  const base = dottedName(kind.value.operand);
  return base === undefined ? undefined : `${base}.${kind.value.field}`;
}

/** The parser places an operator's call at the blank before it: the operator itself is marked. */
function skipBlanks(text: string, offset: number): number {
  while (offset < text.length - 1 && /\s/.test(text[offset])) offset++;
  return offset;
}

function first(checks: Array<() => CelProblem | undefined>): CelProblem | undefined {
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return undefined;
}

/** A call whose operands are all constants is evaluated now: its error is the expression's, not a resource's. */
function constantCall(expr: Expr, at: (id: bigint) => number): CelProblem | undefined {
  if (expr.exprKind.case !== 'callExpr') return undefined;
  const call = expr.exprKind.value;
  const parts = [call.target, ...call.args].filter((p): p is Expr => p !== undefined);
  if (parts.length === 0 || parts.some((p) => p.exprKind.case !== 'constExpr')) return undefined;
  try {
    const value = plan(env, expr)();
    if (isCelError(value)) return { message: value.message, offset: at(expr.id), length: 1 };
  } catch (error) {
    return { message: errorText(error), offset: at(expr.id), length: 1 };
  }
  return undefined;
}

/**
 * The field paths the expression reads from `object` (`object.spec.type` → [spec, type]), each the
 * longest chain of selections: where a finding can point when the expression reads one field only.
 */
function objectPaths(root: Expr): string[][] {
  const out: string[][] = [];
  const chain = (expr: Expr): string[] | undefined => {
    const kind = expr.exprKind;
    if (kind.case === 'identExpr') return kind.value.name === 'object' ? [] : undefined;
    if (kind.case === 'selectExpr' && kind.value.operand) {
      const base = chain(kind.value.operand);
      return base && [...base, kind.value.field];
    }
    return undefined;
  };
  const visit = (expr: Expr | undefined, parentIsSelect: boolean) => {
    if (!expr) return;
    const kind = expr.exprKind;
    if (kind.case === 'selectExpr') {
      const path = chain(expr);
      if (path && !parentIsSelect) out.push(path);
      visit(kind.value.operand, true);
      return;
    }
    if (kind.case === 'identExpr' && kind.value.name === 'object' && !parentIsSelect) out.push([]);
    if (kind.case === 'callExpr') for (const part of [kind.value.target, ...kind.value.args]) visit(part, false);
    if (kind.case === 'listExpr') for (const e of kind.value.elements) visit(e, false);
    if (kind.case === 'comprehensionExpr') for (const e of [kind.value.iterRange, kind.value.accuInit, kind.value.loopCondition, kind.value.loopStep, kind.value.result]) visit(e, false);
  };
  visit(root, false);
  return out;
}

/**
 * Plain data as CEL values, converted deeply once: integers are CEL ints (BigInt), so that
 * `object.spec.replicas + 1` has an overload, and maps and lists are CEL's own, which the evaluator
 * would otherwise wrap again at every access.
 */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return celList(value.map(toCel) as CelInput[]);
  if (value !== null && typeof value === 'object') return celMap(new Map(Object.entries(value).map(([key, item]) => [key, toCel(item) as CelInput])));
  return value ?? null;
}

/** A CEL value as text for a message: strings as they are, the rest as CEL would print them. */
export function celText(value: CelValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (isCelList(value) || isCelMap(value)) return '[…]';
  const opaque = opaqueText(value);
  if (opaque !== undefined) return opaque;
  return String(value);
}
