// Service mesh: Istio matches `paths` exactly unless they hold a `*`, so a DENY on `/admin` lets
// `/admin/` and `/admin/users` through, and an ALLOW with `notPaths: [/admin]` allows them. The
// suggestion adds the prefix form beside the exact path; it changes which requests match, so the
// title says what it assumes.

import { appendToSequence, defineRule, Suggestion } from '../../server/src/engine';
import type { Resource, YAMLMap } from '../../server/src/engine';
import { authorizationPolicies } from './facts';
import { rulesOf, stringsAt } from './authz';

/** The field that, under this action, must cover everything below a path. */
function fieldFor(action: string | null): 'paths' | 'notPaths' | undefined {
  if (action === 'DENY' || action === 'AUDIT') return 'paths';
  if (action === 'ALLOW') return 'notPaths';
  return undefined;
}

const verbs: Record<string, string> = { DENY: 'deny', AUDIT: 'audit', ALLOW: 'exclude' };
const participles: Record<string, string> = { deny: 'denied', audit: 'audited', exclude: 'excluded' };

function prefixOf(path: string): string {
  return `${path.replace(/\/+$/, '')}/*`;
}

function coverBelow(resource: Resource, operation: YAMLMap, field: string, path: string, verb: string): Suggestion {
  const prefix = prefixOf(path);
  return {
    title: `Also ${verb} ${prefix} (assumes every path below ${path} is meant to be ${participles[verb]} too)`,
    fix: (parsed) => appendToSequence({ text: parsed.text, doc: resource.doc }, operation, [field], [prefix]),
  };
}

export default defineRule({
  id: 'mesh-authz-path-bypass',
  meta: {
    title: 'AuthorizationPolicy paths that deny or exclude should cover the paths below them',
    description: 'Istio matches an AuthorizationPolicy path without `*` exactly: a DENY on /admin, or an ALLOW with notPaths /admin, still lets /admin/ and /admin/x through.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['AuthorizationPolicy'],
    scope: 'document',
    fix: 'suggestion',
    messages: { exactPath: '{action} policy "{name}" matches "{path}" exactly, not the paths below it' },
  },
  check(ctx) {
    const [policy] = ctx.facts(authorizationPolicies);
    const field = fieldFor(policy?.action ?? null);
    if (!policy || !field) return;
    for (const rule of rulesOf(ctx.resource)) {
      if (!rule.rule) continue;
      for (const operation of rule.operations) {
        const listed = stringsAt(ctx.resource, operation, field);
        const values = new Set(listed.map((p) => p.value));
        for (const { value, node } of listed) {
          // Wildcards, path templates (`{*}`, `{**}`) and a prefix already listed cover more than one path.
          if (!value.startsWith('/') || /[*{]/.test(value) || values.has(prefixOf(value))) continue;
          ctx.report({
            node,
            messageId: 'exactPath',
            data: { action: policy.action!, name: policy.name || '(unnamed)', path: value },
            suggestions: [coverBelow(ctx.resource, operation, field, value, verbs[policy.action!])],
          });
        }
      }
    }
  },
});
