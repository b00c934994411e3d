// PodSecurityPolicy is deprecated since Kubernetes 1.21 and removed in 1.25. The schema family
// reports the API version itself (deprecated-api-version, removed-api-version); this rule is about
// what replaces it: the Pod Security level the policy maps to, and the migration to Pod Security
// Admission labels plus a ValidatingAdmissionPolicy for what the level leaves out.

import { defineRule, isTemplatedText, nodeAt, plain, RuleContext, stringMap } from '../../server/src/engine';
import { beyondLevel } from './psp-beyond';
import { pspRoles, reachedNamespaces, roleBindings } from './psp-facts';
import { analysePsp, record } from './psp-level';
import { migration, NamespaceTarget } from './psp-migrate';

/** Every string of a plain value, to tell a templated policy. */
function templated(value: unknown): boolean {
  if (typeof value === 'string') return isTemplatedText(value);
  if (Array.isArray(value)) return value.some(templated);
  return value !== null && typeof value === 'object' && Object.values(value).some(templated);
}

/**
 * The namespaces the policy governed: those its RBAC bindings reach; every Namespace manifest of the
 * workspace when a binding reaches all of them or none is in the workspace (its grants live elsewhere);
 * `default` when there is none. Only what the rule reads (roles, bindings, Namespaces), so that a
 * change elsewhere cannot leave its suggestion stale.
 */
function governed(ctx: RuleContext, manifests: NamespaceTarget[]): string[] {
  const reach = reachedNamespaces(ctx.resource.name, ctx.workspace.facts(pspRoles), ctx.workspace.facts(roleBindings));
  const names = new Set(reach.namespaces);
  if (reach.everywhere || !reach.bound) manifests.forEach((n) => names.add(n.name));
  if (names.size === 0) names.add('default');
  return [...names].sort();
}

export default defineRule({
  id: 'pod-security-policy-migration',
  meta: {
    title: 'PodSecurityPolicies should be migrated to Pod Security Admission',
    description:
      'PodSecurityPolicy is deprecated since Kubernetes 1.21 and removed in 1.25; its job is done by Pod Security Admission labels on namespaces, plus a ValidatingAdmissionPolicy for what no Pod Security level covers.',
    category: 'admission',
    severity: 'info',
    equivalents: 'none',
    compliance: { nsa: ['pod-security'] },
    kinds: ['PodSecurityPolicy'],
    scope: 'workspace',
    reads: [pspRoles, roleBindings, 'Namespace'],
    fix: 'suggestion',
    messages: {
      migrate: 'PodSecurityPolicy "{name}" is {status}: migrate it to Pod Security Admission, where it maps to the {level} level{beyond}',
    },
    hint: 'The quick fix writes the `pod-security.kubernetes.io/*` labels on the namespaces the policy governed and replaces the policy with a ValidatingAdmissionPolicy for what the level does not cover.',
  },
  check(ctx) {
    if (ctx.partial || ctx.minor < 21 || !/^(policy|extensions)\/v1beta1$/.test(ctx.resource.apiVersion)) return;
    const spec = plain(ctx.resource.doc, nodeAt(ctx.resource.doc, ctx.resource.root, ['spec']));
    const annotations = Object.fromEntries([...stringMap(ctx.resource.doc, nodeAt(ctx.resource.doc, ctx.resource.root, ['metadata']), 'annotations')].map(([k, v]) => [k, v.value]));
    if (templated(spec) || templated(annotations) || isTemplatedText(ctx.resource.name)) return;
    const analysis = analysePsp(record(spec), annotations);
    const beyond = beyondLevel(record(spec), analysis.level);
    const manifests = ctx.workspace.resources({ kind: 'Namespace' }).filter((n) => n.apiVersion === 'v1' && n.name && !isTemplatedText(n.name));
    const targets = manifests.map((n) => ({ name: n.name, file: n.at.file, labels: n.labels }));
    const namespaces = governed(ctx, targets);
    const status = ctx.minor >= 25 ? 'removed since Kubernetes 1.25' : 'deprecated since Kubernetes 1.21';
    const enforced = beyond.filter((c) => c.expression).length;
    const data = { name: ctx.resource.name, status, level: analysis.level, beyond: enforced ? ` (plus ${enforced} constraint${enforced > 1 ? 's' : ''} no level covers)` : '' };
    const node = nodeAt(ctx.resource.doc, ctx.resource.root, ['kind']) ?? ctx.resource.anchor;
    const suggestion = migration({
      policy: ctx.resource.name,
      documentIndex: ctx.resource.document.index,
      analysis,
      beyond,
      minor: ctx.minor,
      namespaces,
      manifests: targets.filter((t) => namespaces.includes(t.name)),
      file: ctx.workspace.file,
    });
    ctx.report({ node, messageId: 'migrate', data, suggestions: [suggestion] });
  },
});
