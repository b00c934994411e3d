// A webhook that fails closed on pod creation in every namespace, kube-system and its own included:
// when its pods are gone (a node drain, an upgrade, a crash), nothing can recreate them, nor the
// system pods of kube-system. The seed article's webhook is the example.

import { defineRule, Labels } from '../../server/src/engine';
import { excludeNamespaces } from './webhook-fixes';
import { failurePolicyOf, field, interceptsNamespace, matchesPodCreate, nameOf, namespaceLabels, rulesOf, serviceOf, webhookKinds, webhooksOf } from './webhook-model';

export default defineRule({
  id: 'webhook-fail-closed-deadlock',
  meta: {
    title: 'Fail-closed pod webhooks must exclude kube-system and their own namespace',
    description: 'A webhook with failurePolicy Fail that intercepts pod creation in kube-system or in the namespace of its own service blocks the pods that would bring it back.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'workspace',
    reads: ['Namespace'],
    fix: 'suggestion',
    messages: {
      failClosed: 'webhook "{name}" fails closed on pod creation in {where}',
      failClosedDefault: 'webhook "{name}" fails closed (the default failurePolicy of v1) on pod creation in {where}',
      ownNamespace: 'webhook "{name}" fails closed on pod creation in {where}, where its own service runs, so its pods can never be recreated',
    },
    hint: 'Exclude `kube-system` and the webhook\u2019s own namespace with a `namespaceSelector` on `kubernetes.io/metadata.name`, or fail open.',
  },
  check(ctx) {
    if (ctx.partial) return;
    for (const w of webhooksOf(ctx.resource)) {
      const policy = failurePolicyOf(w);
      if (policy.value !== 'Fail' || !rulesOf(w).some(matchesPodCreate)) continue;
      // Match conditions are CEL; they may well leave kube-system out, which cannot be known here.
      if (field(w, ['matchConditions']) !== undefined) continue;
      const service = serviceOf(w);
      const labelsOf = (namespace: string): Labels => namespaceLabels(namespace, ctx.workspace.resources({ kind: 'Namespace', name: namespace })[0]?.labels);
      const reached = ['kube-system', ...(service && service.namespace !== 'kube-system' ? [service.namespace] : [])].filter((ns) => interceptsNamespace(w, labelsOf(ns)) === true);
      if (reached.length === 0) continue;
      const own = service !== undefined && reached.includes(service.namespace);
      const where = reached.join(' and ');
      const messageId = own ? 'ownNamespace' : policy.node ? 'failClosed' : 'failClosedDefault';
      const fix = excludeNamespaces(w, reached);
      ctx.report({
        node: policy.node ?? w.anchor,
        messageId,
        data: { name: nameOf(w), where },
        suggestions: fix ? [{ title: `Exclude ${where} from the webhook (assumes it need not see their pods)`, fix }] : [],
      });
    }
  },
});
