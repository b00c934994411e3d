// What the admission-policy and Kyverno rules share around the evaluation: each policy's program and
// its offline parts computed once per fact (a fact lives until its file changes), the "cannot be
// evaluated offline" finding once per policy on its first such expression, and findings without
// duplicates (several parameters or bindings may refuse a resource for the same reason).

import { isScalar, Node, nodeAt, Report, RuleContext, Severity } from '../../server/src/engine';
import { Offline, offlineParts, Outcome, prepare, Prepared, Program } from './admission-eval';

export interface ProgramInfo {
  program: Program;
  offline: { parts: Offline[]; variables: Set<string> };
  /** True when an expression reads `namespaceObject`: unknown for a namespace the workspace does not declare. */
  readsNamespace: boolean;
  prepared: Prepared;
}

const programs = new WeakMap<object, ProgramInfo>();

/** The program of a fact (a policy, a Kyverno rule), built once. */
export function programFor(fact: object, build: () => Program): ProgramInfo {
  let info = programs.get(fact);
  if (!info) {
    const program = build();
    const texts = [...program.matchConditions, ...program.variables, ...program.validations].map((e) => `${e.expression} ${'messageExpression' in e ? (e.messageExpression ?? '') : ''}`);
    const offline = offlineParts(program);
    programs.set(fact, (info = { program, offline, readsNamespace: texts.some((t) => /\bnamespaceObject\b/.test(t)), prepared: prepare(program, offline.variables) }));
  }
  return info;
}

/** The policy's expressions that are not evaluated offline, named once on the first of them (at `specPath` in this document). */
export function offlineFinding(ctx: RuleContext<'offline'>, info: ProgramInfo, specPath: Array<string | number>, what: { kind: string; name: string }): void {
  const [first, ...others] = info.offline.parts;
  if (!first) return;
  const node = nodeAt(ctx.resource.doc, ctx.resource.root, [...specPath, ...first.path]);
  const more = others.length === 0 ? '' : ` (and ${others.length} more expression${others.length === 1 ? '' : 's'})`;
  ctx.report({
    node: isScalar(node) ? node : ctx.resource.anchor,
    severity: 'info',
    messageId: 'offline',
    data: { what: `${what.kind} '${what.name}'`, field: first.field, why: first.why, more },
  });
}

/** Reports the outcomes, each message once per node. */
export function reportOutcomes<M extends string>(ctx: RuleContext<M>, outcomes: readonly Outcome[], toReport: (o: Outcome) => Report<M> & { severity: Severity }): void {
  const seen = new Set<string>();
  for (const outcome of outcomes) {
    const report = toReport(outcome);
    const key = `${(report.node as Node).range?.[0]}\u0000${report.messageId}\u0000${JSON.stringify(report.data)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.report(report);
  }
}
