// Kyverno ClusterPolicies and Policies whose rules validate with CEL (`validate.cel`), evaluated
// offline on every resource as a CREATE, like the ValidatingAdmissionPolicies Kyverno generates from
// them: a resource a rule refuses is marked with its message; Enforce → error, Audit → warning. Rules
// validated otherwise (patterns, `deny`, `foreach`) are not evaluated: a hint on the policy says so.

import { defineRule, Report, RuleContext, Severity } from '../../server/src/engine';
import { evaluate, programOf } from './admission-eval';
import { paramsOf, Subject, subjectOf } from './admission-target';
import type { Judgement } from './admission-policy-violation';
import { narrowestNode, redact } from './custom-rules';
import { kyvernoRules, KyvernoRuleFact } from './kyverno-facts';
import { blockMatches } from './kyverno-match';
import { policyParams } from './params';
import { offlineFinding, ProgramInfo, programFor, reportOutcomes } from './policy-report';

type Id = 'enforced' | 'audited' | 'failed' | 'offline' | 'notEvaluated';

function infoOf(rule: KyvernoRuleFact & { cel: Record<string, unknown> }): ProgramInfo {
  return programFor(rule, () => programOf({ ...rule.cel, matchConditions: rule.celPreconditions }, 'expressions'));
}

/** The rules of the policies declared in this document: offline expressions, and rules not evaluated. */
function aboutPolicy(ctx: RuleContext<Id>): void {
  const own = ctx.facts(kyvernoRules);
  own.forEach((rule) => {
    if (rule.cel)
      offlineFinding(ctx, infoOf(rule as KyvernoRuleFact & { cel: Record<string, unknown> }), ['spec', 'rules', rule.index, 'validate', 'cel'], {
        kind: rule.policyKind,
        name: `${rule.policy}' rule '${rule.rule}`,
      });
  });
  const others = [...new Set(own.filter((r) => !r.cel).map((r) => r.other))];
  if (others.length > 0) ctx.report({ node: ctx.resource.anchor, severity: 'hint', messageId: 'notEvaluated', data: { count: own.filter((r) => !r.cel).length, what: others.join(', ') } });
}

function applies(rule: KyvernoRuleFact, subject: Subject): boolean {
  if (rule.preconditions) return false;
  // A namespaced Policy validates only resources of its own namespace.
  if (rule.policyKind === 'Policy' && subject.target.namespace !== (rule.namespace ?? 'default')) return false;
  if (blockMatches(rule.match, subject.target) !== true) return false;
  return rule.exclude === undefined || blockMatches(rule.exclude, subject.target) === false;
}

/** What each Kyverno CEL rule that applies makes of a resource. */
export function kyvernoJudgements(ctx: Pick<RuleContext, 'resource' | 'workspace'>, subject: Subject): Array<Omit<Judgement, 'action'> & { action: 'Enforce' | 'Audit' }> {
  return ctx.workspace
    .facts(kyvernoRules)
    .filter((rule): rule is KyvernoRuleFact & { cel: Record<string, unknown> } => rule.cel !== undefined && applies(rule, subject))
    .map((rule) => {
      const info = infoOf(rule);
      const params = paramsOf(ctx, rule.cel.paramKind, rule.cel.paramRef, subject.target);
      const known = params !== undefined && !(info.readsNamespace && !subject.namespaceKnown);
      return {
        who: `${rule.policyKind} '${rule.policy}' rule '${rule.rule}'`,
        at: [rule.at],
        action: rule.action,
        outcomes: known ? params.flatMap((p) => evaluate(info.prepared, { ...subject.bindings, params: p }, subject.target.kind === 'Secret')) : undefined,
      };
    });
}

function check(ctx: RuleContext<Id>): void {
  if (ctx.partial) return;
  if (ctx.resource.kind === 'ClusterPolicy' || ctx.resource.kind === 'Policy') aboutPolicy(ctx);
  const subject = subjectOf(ctx);
  if (!subject) return;
  for (const { who, action, outcomes } of kyvernoJudgements(ctx, subject)) {
    const severity: Severity = action === 'Enforce' ? 'error' : 'warning';
    reportOutcomes(ctx, outcomes ?? [], (o): Report<Id> & { severity: Severity } => {
      const at = { node: narrowestNode(ctx.resource, o.compiled), severity };
      if (o.kind === 'violation') return { ...at, messageId: action === 'Enforce' ? 'enforced' : 'audited', data: { who, message: o.message } };
      return { ...at, messageId: 'failed', data: { who, expression: o.validation.expression.trim(), reason: redact(o.reason, o.validation.expression) } };
    });
  }
}

export default defineRule({
  id: 'kyverno-cel-violation',
  meta: {
    title: 'Resources must pass the workspace’s Kyverno CEL rules',
    description:
      'Every resource is checked, as a CREATE, against the Kyverno ClusterPolicy and Policy rules of the workspace that validate with CEL (`validate.cel`): match and exclude blocks, parameters, preconditions, variables and expressions; a resource a rule refuses is reported with its message.',
    category: 'policy',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    scope: 'workspace',
    reads: [kyvernoRules, policyParams, 'Namespace'],
    fix: 'none',
    messages: {
      enforced: '{who} blocks this resource: {message}',
      audited: '{who} reports this resource (Audit): {message}',
      failed: "{who} blocks this resource: expression '{expression}' resulted in error: {reason}",
      offline: '{what}: {field} is not evaluated offline: {why}{more}',
      notEvaluated: '{count} rule(s) of this policy validate with {what}, which kube-harden does not evaluate (only validate.cel rules are)',
    },
    hint: 'The rule’s message, as Kyverno would answer `kubectl apply`. Severity follows the validation failure action: Enforce → error, Audit → warning.',
  },
  check,
});
