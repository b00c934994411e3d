// The CEL program of an admission policy (a ValidatingAdmissionPolicy, or a Kyverno rule's
// `validate.cel`) run offline on one resource as a CREATE: matchConditions, variables (only those an
// expression reads), then validations with their messages. An expression that needs the live cluster
// (`authorizer`, `request.userInfo`), a function kube-harden does not implement, or syntax its parser
// does not read is "offline": never evaluated, never guessed.

import { celMap, compile, Compiled, EvalResult, toCel } from './cel-eval';
import type { CelInput } from '@bufbuild/cel';

export interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
}

export interface Program {
  matchConditions: Array<{ name: string; expression: string }>;
  variables: Array<{ name: string; expression: string }>;
  validations: Validation[];
  /** `Fail` (the default): an expression that errs rejects the request; `Ignore`: it is skipped. */
  failurePolicy: 'Fail' | 'Ignore';
  /** Where the validations are in the spec: `validations` (a policy), `expressions` (Kyverno). */
  validationsKey: string;
}

/** Where in the policy an offline expression is (`validations[0].expression`) and why it is offline. */
export interface Offline {
  field: string;
  /** The path of the expression's string inside the spec. */
  path: Array<string | number>;
  expression: string;
  why: string;
}

export type Outcome =
  | { kind: 'violation'; validation: Validation; index: number; message: string; compiled: Compiled & { ok: true } }
  | { kind: 'error'; validation: Validation; index: number; reason: string; compiled: Compiled & { ok: true } };

export const admissionVariables = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'authorizer', 'variables'] as const;

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The program of a spec holding `matchConditions`, `variables`, `validations` (or Kyverno's `expressions`). */
export function programOf(spec: Record<string, unknown>, validationsKey = 'validations'): Program {
  return {
    matchConditions: records(spec.matchConditions).flatMap((c) => (text(c.expression) ? [{ name: String(c.name ?? ''), expression: c.expression as string }] : [])),
    variables: records(spec.variables).flatMap((v) => (text(v.name) && text(v.expression) ? [{ name: v.name as string, expression: v.expression as string }] : [])),
    validations: records(spec[validationsKey]).flatMap((v) =>
      text(v.expression) ? [{ expression: v.expression as string, message: text(v.message), messageExpression: text(v.messageExpression), reason: text(v.reason) }] : [],
    ),
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    validationsKey,
  };
}

/** Why an expression cannot be evaluated offline, or undefined when it can. */
export function offlineWhy(expression: string): string | undefined {
  const compiled = compile(expression, admissionVariables);
  if (compiled.ok) {
    // The CEL library names what only the cluster has (authorizer, request.userInfo) or what it lacks.
    const use = compiled.offline[0];
    return use && `it uses ${use.name}: ${use.why}`;
  }
  const unknown = /^unknown function '(.*)'$/.exec(compiled.problem.message);
  if (unknown) return `it calls ${unknown[1]}(), which kube-harden does not know`;
  // A syntax error is admission-policy-cel's finding; syntax the parser lacks (`a.?b`) lands here too.
  return `kube-harden cannot read it (${compiled.problem.message})`;
}

/** The names of `variables.<name>` an expression reads. */
function readsVariables(expression: string): string[] {
  return [...expression.matchAll(/\bvariables\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

/** Every offline expression of a program, with the variables whose expressions are offline. */
export function offlineParts(program: Program): { parts: Offline[]; variables: Set<string> } {
  const parts: Offline[] = [];
  const variables = new Set<string>();
  const add = (list: string, i: number, expression: string) => {
    const why = offlineWhy(expression);
    if (why) parts.push({ field: `${list}[${i}].expression`, path: [list, i, 'expression'], expression, why });
    return why !== undefined;
  };
  program.variables.forEach((v, i) => {
    if (add('variables', i, v.expression) || readsVariables(v.expression).some((n) => variables.has(n))) variables.add(v.name);
  });
  program.matchConditions.forEach((c, i) => add('matchConditions', i, c.expression));
  program.validations.forEach((v, i) => add(program.validationsKey, i, v.expression));
  return { parts, variables };
}

function isOffline(expression: string, offlineVariables: ReadonlySet<string>): boolean {
  return offlineWhy(expression) !== undefined || readsVariables(expression).some((n) => offlineVariables.has(n));
}

/** Errors that say a field is absent: the API server defaults fields before admission, so offline they prove nothing. */
const absentField = /^(no such key|no such field|field not found)|no matching overload|null_type/;

/** The bindings of one evaluation: `variables` filled as far as the program's expressions read them. */
export type Bindings = Record<string, unknown>;

type Plan = Compiled & { ok: true };

/** A program compiled once: what a resource's evaluation runs, offline parts left out. */
export interface Prepared {
  /** undefined when a condition is offline: the policy is then never applied. */
  conditions: Plan[] | undefined;
  /** The variables an expression reads, in order. */
  variables: Array<{ name: string; plan: Plan }>;
  validations: Array<{ validation: Validation; index: number; plan: Plan; message?: Plan }>;
  failurePolicy: Program['failurePolicy'];
}

function planOf(expression: string): Plan | undefined {
  const compiled = compile(expression, admissionVariables);
  return compiled.ok ? compiled : undefined;
}

export function prepare(program: Program, offlineVariables: ReadonlySet<string>): Prepared {
  const conditions = program.matchConditions.map((c) => (isOffline(c.expression, offlineVariables) ? undefined : planOf(c.expression)));
  const validations: Prepared['validations'] = [];
  program.validations.forEach((validation, index) => {
    const plan = isOffline(validation.expression, offlineVariables) ? undefined : planOf(validation.expression);
    const message = validation.messageExpression !== undefined && !isOffline(validation.messageExpression, offlineVariables) ? planOf(validation.messageExpression) : undefined;
    if (plan) validations.push({ validation, index, plan, ...(message ? { message } : {}) });
  });
  const wanted = new Set([...program.matchConditions.map((c) => c.expression), ...program.validations.flatMap((v) => [v.expression, v.messageExpression ?? ''])].flatMap(readsVariables));
  // A variable read by another is needed too: walk the declarations backwards.
  for (let i = program.variables.length - 1; i >= 0; i--) if (wanted.has(program.variables[i].name)) readsVariables(program.variables[i].expression).forEach((n) => wanted.add(n));
  const variables = program.variables.flatMap((v) => {
    const plan = wanted.has(v.name) && !offlineVariables.has(v.name) ? planOf(v.expression) : undefined;
    return plan ? [{ name: v.name, plan }] : [];
  });
  return { conditions: conditions.every((c): c is Plan => c !== undefined) ? conditions : undefined, variables, validations, failurePolicy: program.failurePolicy };
}

let noVariables: unknown;

function variablesOf(prepared: Prepared, base: Bindings): unknown {
  if (prepared.variables.length === 0) return (noVariables ??= celMap(new Map()));
  const values = new Map<string, CelInput>();
  for (const v of prepared.variables) {
    const result = v.plan.run({ ...base, variables: celMap(new Map(values)) });
    // A variable that fails is left out: an expression that reads it fails in turn (lazily, as in the API server).
    if (result.ok) values.set(v.name, result.value as CelInput);
  }
  return celMap(values);
}

/** true: the conditions hold; false: one is false; 'error': one failed; undefined: offline. */
function conditionsHold(prepared: Prepared, bindings: Bindings): boolean | 'error' | undefined {
  if (!prepared.conditions) return undefined;
  let failed = false;
  for (const plan of prepared.conditions) {
    const result = plan.run(bindings);
    // As the API server does: a false condition skips the policy even when another one errs.
    if (result.ok && result.value === false) return false;
    if (!result.ok || typeof result.value !== 'boolean') failed = true;
  }
  return failed ? 'error' : true;
}

function messageOf(validation: Validation, message: Plan | undefined, bindings: Bindings): string {
  const result: EvalResult | undefined = message?.run(bindings);
  // A messageExpression that fails, or gives no string or an empty one, leaves the static message.
  if (result?.ok && typeof result.value === 'string' && result.value.trim() !== '') return result.value.replace(/\s*\n\s*/g, ' ');
  return validation.message?.trim() ? validation.message.replace(/\s*\n\s*/g, ' ') : `failed expression: ${validation.expression.trim()}`;
}

/**
 * The outcomes of a program on one resource (its bindings without `variables`); empty when it
 * complies or does not apply. `staticMessages` for a Secret: a messageExpression could quote its values.
 */
export function evaluate(prepared: Prepared, base: Bindings, staticMessages = false): Outcome[] {
  // A condition that errs (a field the API server would have defaulted, mostly) decides nothing offline.
  if (!prepared.conditions || (prepared.conditions.length > 0 && conditionsHold(prepared, { ...base, variables: noVariables }) !== true)) return [];
  const bindings = { ...base, variables: variablesOf(prepared, base) };
  const out: Outcome[] = [];
  for (const { validation, index, plan, message } of prepared.validations) {
    const result = plan.run(bindings);
    if (result.ok && result.value === true) continue;
    if (result.ok && result.value === false) {
      out.push({ kind: 'violation', validation, index, message: messageOf(validation, staticMessages ? undefined : message, bindings), compiled: plan });
      continue;
    }
    const reason = result.ok ? 'it gave no true or false' : result.error;
    if (prepared.failurePolicy === 'Fail' && !absentField.test(reason)) out.push({ kind: 'error', validation, index, reason, compiled: plan });
  }
  return out;
}

export { toCel };
