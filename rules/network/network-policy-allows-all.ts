// Network: an ingress rule that lets everything in undoes the isolation of the policy that holds it:
// a rule `{}` or without `from`, a peer `namespaceSelector: {}` without a narrowing podSelector, an
// ipBlock of 0.0.0.0/0 or ::/0. Only the policy itself is needed, so this is a document rule.

import { asMap, asSeq, defineRule, deref, isTemplated, keyAt, nodeAt, parseSelector, plain, scalarValue, selectsAll } from '../../server/src/engine';
import { policies } from './facts';
import type { Node } from '../../server/src/engine';

export default defineRule({
  id: 'network-policy-allows-all',
  meta: {
    title: 'NetworkPolicy ingress rules must not allow every source',
    description: 'An ingress rule without sources, a peer selecting every namespace, or an ipBlock of every address lets all traffic in.',
    category: 'network',
    severity: 'warning',
    equivalents: 'none',
    compliance: { nsa: ['network-policies'] },
    kinds: ['NetworkPolicy'],
    scope: 'document',
    fix: 'none',
    messages: {
      everySource: 'ingress rule of "{name}" allows traffic from every source',
      everyNamespace: 'ingress peer of "{name}" selects every pod of every namespace',
      everyAddress: 'ingress peer of "{name}" allows every address ({value})',
    },
  },
  check(ctx) {
    const { doc, root, name } = ctx.resource;
    const [policy] = ctx.facts(policies);
    // Ingress rules of a policy that does not isolate ingress are ignored by Kubernetes.
    if (!policy || policy.ingress === false) return;
    const rules = asSeq(nodeAt(doc, root, ['spec', 'ingress']));
    const data = { name: name || '(unnamed)' };
    for (const item of rules?.items ?? []) {
      const rule = asMap(deref(doc, item));
      if (!rule) continue;
      const from = nodeAt(doc, rule, ['from']);
      const peers = asSeq(from);
      // A missing, null or empty `from` matches all sources (a templated one cannot be known).
      const everySource = from === undefined || (peers ? peers.items.length === 0 : !asMap(from) && scalarValue(from) === undefined);
      if (everySource) {
        ctx.report({ node: keyAt(doc, rule, ['from']) ?? (item as Node), messageId: 'everySource', data });
        continue;
      }
      for (const peerNode of peers?.items ?? []) {
        const peer = asMap(deref(doc, peerNode));
        if (!peer) continue;
        const namespaceKey = keyAt(doc, peer, ['namespaceSelector']);
        if (namespaceKey) {
          const namespaces = parseSelector(plain(doc, nodeAt(doc, peer, ['namespaceSelector'])));
          const podNode = nodeAt(doc, peer, ['podSelector']);
          const pods = podNode === undefined ? undefined : parseSelector(plain(doc, podNode));
          if (selectsAll(namespaces) && (pods === undefined || selectsAll(pods))) ctx.report({ node: namespaceKey, messageId: 'everyNamespace', data });
        }
        const cidr = nodeAt(doc, peer, ['ipBlock', 'cidr']);
        const value = scalarValue(cidr);
        if (cidr && !isTemplated(cidr) && typeof value === 'string' && /^(0\.0\.0\.0\/0|::\/0)$/.test(value.trim())) {
          ctx.report({ node: cidr, messageId: 'everyAddress', data: { ...data, value: value.trim() } });
        }
      }
    }
  },
});
