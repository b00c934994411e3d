// Kyverno ClusterPolicies and Policies in the workspace model, one fact per rule that validates: the
// rule's match and exclude blocks and its `validate.cel` as plain data, or, for a rule validated by a
// pattern, `deny` conditions or `foreach`, only which kind of rule it is (those are not evaluated).

import { asSeq, defineFacts, Fact, isTemplatedText, Node, nodeAt, plain, scalarValue } from '../../server/src/engine';

export interface KyvernoRuleFact extends Fact {
  policy: string;
  policyKind: 'ClusterPolicy' | 'Policy';
  /** For a Policy: its namespace (null: the default namespace it is applied to). */
  namespace: string | null;
  rule: string;
  /** The rule's index in `spec.rules`. */
  index: number;
  /** `validate.failureAction`, else the policy's `validationFailureAction`, normalised. */
  action: 'Enforce' | 'Audit';
  match?: unknown;
  exclude?: unknown;
  /** `validate.cel` as plain data; absent for the rules that are not evaluated. */
  cel?: Record<string, unknown>;
  /** The kind of validation a rule without `cel` uses (`pattern`, `anyPattern`, `deny`, `foreach`, …). */
  other?: string;
  /** `celPreconditions`, which gate the rule like a policy's matchConditions. */
  celPreconditions?: unknown;
  /** True when the rule has JMESPath `preconditions`, which are not evaluated (nor, then, the rule). */
  preconditions?: boolean;
}

export const kyvernoApi = /^kyverno\.io\/v[0-9a-z]+$/;

function actionOf(value: unknown, fallback: 'Enforce' | 'Audit'): 'Enforce' | 'Audit' {
  if (typeof value !== 'string') return fallback;
  return value.toLowerCase() === 'enforce' ? 'Enforce' : value.toLowerCase() === 'audit' ? 'Audit' : fallback;
}

export const kyvernoRules = defineFacts<KyvernoRuleFact>({
  id: 'policy.kyverno',
  kinds: ['ClusterPolicy', 'Policy'],
  extract(resource, ctx) {
    if (!kyvernoApi.test(resource.apiVersion) || !resource.name) return [];
    const { doc } = resource;
    const spec = nodeAt(doc, resource.root, ['spec']);
    // Kyverno's default is Audit.
    const policyAction = actionOf(scalarValue(nodeAt(doc, spec, ['validationFailureAction'])), 'Audit');
    const out: KyvernoRuleFact[] = [];
    for (const [index, item] of (asSeq(nodeAt(doc, spec, ['rules']))?.items ?? []).entries()) {
      const validate = plain(doc, nodeAt(doc, item as Node, ['validate']));
      if (!validate || typeof validate !== 'object') continue;
      const v = validate as Record<string, unknown>;
      const nameNode = nodeAt(doc, item as Node, ['name']);
      const rule = String(scalarValue(nameNode) ?? '');
      const match = plain(doc, nodeAt(doc, item as Node, ['match']));
      const exclude = plain(doc, nodeAt(doc, item as Node, ['exclude']));
      const celPreconditions = plain(doc, nodeAt(doc, item as Node, ['celPreconditions']));
      const preconditions = nodeAt(doc, item as Node, ['preconditions']) !== undefined;
      const cel = v.cel && typeof v.cel === 'object' && !isTemplatedText(JSON.stringify([v.cel, match, exclude, celPreconditions])) ? (v.cel as Record<string, unknown>) : undefined;
      const other = cel ? undefined : (['pattern', 'anyPattern', 'deny', 'foreach', 'podSecurity', 'manifests', 'cel', 'assert'].find((k) => k in v) ?? 'other');
      out.push({
        at: ctx.at(nameNode ?? undefined),
        policy: resource.name,
        policyKind: resource.kind as 'ClusterPolicy' | 'Policy',
        namespace: resource.kind === 'Policy' ? resource.namespace : null,
        rule,
        index,
        action: actionOf(v.failureAction, policyAction),
        ...(match !== undefined ? { match } : {}),
        ...(exclude !== undefined ? { exclude } : {}),
        ...(cel ? { cel } : { other }),
        ...(celPreconditions !== undefined ? { celPreconditions } : {}),
        ...(preconditions ? { preconditions } : {}),
      });
    }
    return out;
  },
  namespaceOf: (fact) => (fact.policyKind === 'Policy' ? fact.namespace : '*'),
});
