// Service mesh: AuthorizationPolicy actions that cannot do what they say. A DENY policy without rules
// matches no request and denies nothing (unlike ALLOW without rules, which is the usual default
// deny); a CUSTOM policy without a provider names no external authorizer, and Istio rejects it.

import { defineRule, keyAt, nodeAt } from '../../server/src/engine';
import { authorizationPolicies, record, specOf } from './facts';

export default defineRule({
  id: 'mesh-authz-action-without-rules',
  meta: {
    title: 'AuthorizationPolicy DENY and CUSTOM actions need rules and a provider',
    description: 'A DENY AuthorizationPolicy without rules denies nothing, and a CUSTOM one without a provider is rejected by Istio.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['AuthorizationPolicy'],
    scope: 'document',
    fix: 'none',
    messages: {
      denyNothing: 'DENY policy "{name}" has no rules, so it matches no request and denies nothing',
      noProvider: 'CUSTOM policy "{name}" has no provider to delegate the decision to',
    },
  },
  check(ctx) {
    const [policy] = ctx.facts(authorizationPolicies);
    const spec = specOf(ctx.resource);
    const action = nodeAt(ctx.resource.doc, ctx.resource.root, ['spec', 'action']);
    if (!policy || !spec || !action) return;
    const data = { name: policy.name || '(unnamed)' };
    const rules = spec.rules;
    if (policy.action === 'DENY' && (rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0))) {
      ctx.report({ node: action, messageId: 'denyNothing', data });
    }
    const provider = record(spec.provider)?.name;
    if (policy.action === 'CUSTOM' && (typeof provider !== 'string' || provider === '')) {
      ctx.report({ node: keyAt(ctx.resource.doc, ctx.resource.root, ['spec', 'provider']) ?? action, messageId: 'noProvider', data });
    }
  },
});
