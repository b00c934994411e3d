// The workspace's ValidatingAdmissionPolicies, evaluated offline on every resource as the API server
// would on its CREATE: a resource a bound policy refuses is marked with the policy's message, at the
// severity of the binding's validationActions. Expressions that need the live cluster are named once,
// on the policy; they are never guessed.

import { defineRule, keyAt, Report, RuleContext, Severity, SourceRef } from '../../server/src/engine';
import { admissionPolicies, AdmissionPolicyFact, policyBindings, PolicyBindingFact } from '../admission/policy-facts';
import { evaluate, Outcome, programOf } from './admission-eval';
import { matchResources } from './admission-match';
import { paramsOf, Subject, subjectOf } from './admission-target';
import { narrowestNode, redact } from './custom-rules';
import { offlineFinding, ProgramInfo, programFor, reportOutcomes } from './policy-report';
import { policyParams } from './params';

const severities: Record<string, Severity> = { Deny: 'error', Warn: 'warning', Audit: 'info' };

/** The strongest of a binding's validationActions: Deny over Warn over Audit (none: the API refuses the binding). */
export function actionOf(binding: PolicyBindingFact): 'Deny' | 'Warn' | 'Audit' | undefined {
  const actions = Array.isArray(binding.spec?.validationActions) ? (binding.spec!.validationActions as unknown[]) : [];
  return (['Deny', 'Warn', 'Audit'] as const).find((a) => actions.includes(a));
}

/** The bindings of the workspace with the policy each binds, both evaluable. */
export interface Bound {
  policy: AdmissionPolicyFact & { spec: Record<string, unknown> };
  binding: PolicyBindingFact;
  info: ProgramInfo;
}

/** By the model's lists of bindings (the same array until one changes), with the policies they were paired with. */
const paired = new WeakMap<readonly PolicyBindingFact[], { policies: readonly AdmissionPolicyFact[]; bound: Bound[] }>();

export function boundPolicies(ctx: Pick<RuleContext, 'workspace'>): Bound[] {
  const policies = ctx.workspace.facts(admissionPolicies);
  const bindings = ctx.workspace.facts(policyBindings);
  const held = paired.get(bindings);
  if (held?.policies === policies) return held.bound;
  const bound: Bound[] = [];
  for (const binding of bindings) {
    if (!binding.spec || binding.policyName === undefined) continue;
    const policy = policies.find((p) => p.name === binding.policyName);
    if (!policy?.spec) continue;
    bound.push({ policy: policy as Bound['policy'], binding, info: programFor(policy, () => programOf(policy.spec!)) });
  }
  paired.set(bindings, { policies, bound });
  return bound;
}

/** The policies and bindings that apply to the subject (their match rules and conditions aside). */
export function applying(ctx: Pick<RuleContext, 'workspace'>, subject: Subject) {
  return boundPolicies(ctx).filter(
    ({ policy, binding }) => matchResources(policy.spec.matchConstraints, subject.target, true) === true && matchResources(binding.spec!.matchResources, subject.target, false) === true,
  );
}

type Id = 'denied' | 'warned' | 'failed' | 'offline' | 'paramsMissing';

/** What one policy and binding make of a resource: for the rule, the hover and go-to-definition. */
export interface Judgement {
  who: string;
  /** The policy and the binding (or the Kyverno rule), where they are declared. */
  at: SourceRef[];
  action: 'Deny' | 'Warn' | 'Audit';
  /** undefined when not evaluated offline (parameters or the namespace unknown). */
  outcomes: Outcome[] | undefined;
}

export function judgements(ctx: Pick<RuleContext, 'file' | 'resource' | 'workspace'>, subject: Subject): Judgement[] {
  return applying(ctx, subject).map(({ policy, binding, info }) => {
    const params = paramsOf(ctx, policy.spec.paramKind, binding.spec!.paramRef, subject.target);
    // The namespace of a resource exists in the cluster; its labels are known only when the workspace declares it.
    const known = params !== undefined && !(info.readsNamespace && !subject.namespaceKnown);
    return {
      who: `ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}'`,
      at: [policy.at, binding.at],
      action: actionOf(binding) ?? 'Deny',
      outcomes: known ? params.flatMap((p) => evaluate(info.prepared, { ...subject.bindings, params: p }, subject.target.kind === 'Secret')) : undefined,
    };
  });
}

function check(ctx: RuleContext<Id>): void {
  if (ctx.partial) return;
  for (const policy of ctx.facts(admissionPolicies)) {
    if (policy.spec)
      offlineFinding(
        ctx,
        programFor(policy, () => programOf(policy.spec!)),
        ['spec'],
        { kind: 'ValidatingAdmissionPolicy', name: policy.name },
      );
  }
  for (const binding of ctx.facts(policyBindings)) paramsMissing(ctx, binding);
  const subject = subjectOf(ctx);
  if (!subject) return;
  for (const { who, action, outcomes } of judgements(ctx, subject)) {
    reportOutcomes(ctx, outcomes ?? [], (o): Report<Id> & { severity: Severity } => {
      const at = { node: narrowestNode(ctx.resource, o.compiled), severity: severities[action] };
      if (o.kind === 'violation') return { ...at, messageId: action === 'Deny' ? 'denied' : 'warned', data: { who, message: o.message } };
      return { ...at, messageId: 'failed', data: { who, expression: o.validation.expression.trim(), reason: redact(o.reason, o.validation.expression) } };
    });
  }
}

/** A binding whose parameters no object of the workspace gives: named once, on its paramRef. */
function paramsMissing(ctx: RuleContext<'paramsMissing'>, binding: PolicyBindingFact): void {
  const ref = binding.spec?.paramRef as Record<string, unknown> | undefined;
  const policy = ctx.workspace.facts(admissionPolicies).find((p) => p.name === binding.policyName);
  const kind = policy?.spec?.paramKind as Record<string, unknown> | undefined;
  if (!ref || typeof ref !== 'object' || !kind || ref.parameterNotFoundAction === 'Allow') return;
  const ofKind = ctx.workspace.facts(policyParams).filter((p) => p.kind === kind.kind && p.apiVersion === kind.apiVersion);
  if (typeof ref.name === 'string' ? ofKind.some((p) => p.name === ref.name) : ofKind.length > 0) return;
  const node = keyAt(ctx.resource.doc, ctx.resource.root, ['spec', 'paramRef']) ?? ctx.resource.anchor;
  ctx.report({ node, severity: 'info', messageId: 'paramsMissing', data: { binding: binding.name, kind: String(kind.kind) } });
}

export default defineRule({
  id: 'admission-policy-violation',
  meta: {
    title: 'Resources must pass the workspace’s ValidatingAdmissionPolicies',
    description:
      'Every resource is checked, as a CREATE, against the ValidatingAdmissionPolicies and bindings of the workspace (match rules, namespace and object selectors, parameters, matchConditions, variables, validations); a resource a policy refuses is reported with its message.',
    category: 'policy',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    scope: 'workspace',
    reads: [admissionPolicies, policyBindings, policyParams, 'Namespace'],
    fix: 'none',
    messages: {
      denied: '{who} denied request: {message}',
      warned: 'Validation failed for {who}: {message}',
      failed: "{who} denied request: expression '{expression}' resulted in error: {reason}",
      offline: '{what}: {field} is not evaluated offline: {why}{more}',
      paramsMissing: 'the parameters of binding "{binding}" ({kind}) are not in the workspace: the binding is not evaluated offline',
    },
    hint: 'The policy’s message, as the API server would answer `kubectl apply`. Severity follows the binding’s validationActions: Deny → error, Warn → warning, Audit → information.',
  },
  check,
});
