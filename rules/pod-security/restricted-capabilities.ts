// Restricted: containers must drop ALL capabilities and may add back only NET_BIND_SERVICE.

import { asSeq, defineRule, keyAt } from '../../server/src/engine';
import { baselineCapabilities } from './capabilities';
import { appendOnContainer, removeItems } from '../../server/src/engine';
import { known, unknowable } from '../../server/src/engine';

export default defineRule({
  id: 'restricted-capabilities',
  meta: {
    title: 'Containers must drop all capabilities',
    description: 'Every container must drop ALL capabilities and may add only NET_BIND_SERVICE.',
    category: 'pod-security',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0106', 'KSV-0003'], checkov: ['CKV_K8S_37'], polaris: ['insecureCapabilities'], kubescape: ['C-0201'] },
    compliance: { cis: ['5.2.8', '5.2.9', '5.2.10'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'capabilities_restricted', level: 'restricted', versions: ['1.22', '1.25'], overrides: { check: 'capabilities_baseline', from: '1.22' } },
    messages: {
      notDropped: 'container "{container}" does not drop ALL capabilities',
      added: 'container "{container}" adds capability {capability}',
    },
  },
  fixTitles: { notDropped: 'Drop ALL capabilities in "{container}"', added: 'Remove the added capabilities of "{container}" other than NET_BIND_SERVICE' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    if (ctx.atLeast('1.25') && w.isWindows) return;
    for (const c of w.containers()) {
      const caps = ['securityContext', 'capabilities'];
      const drop = asSeq(c.get([...caps, 'drop']));
      const dropsAll = drop?.items.some((_, i) => known(c.get([...caps, 'drop', i])) === 'ALL' || unknowable(c.get([...caps, 'drop', i])));
      // A patch that sets `drop` replaces the list (it has no merge key), so a set list without ALL
      // counts; an absent one is the patched resource's.
      if (!dropsAll && (!ctx.partial || drop !== undefined)) {
        const node = keyAt(w.doc, c.node, [...caps, 'drop']) ?? keyAt(w.doc, c.node, caps) ?? c.anchor;
        ctx.report({ node, messageId: 'notDropped', data: { container: c.name }, fix: appendOnContainer(c, [...caps, 'drop'], ['ALL']) });
      }
      const add = asSeq(c.get([...caps, 'add']));
      if (!add) continue;
      const bad: number[] = [];
      add.items.forEach((_, i) => {
        const node = c.get([...caps, 'add', i]);
        if (!unknowable(node) && known(node) !== 'NET_BIND_SERVICE') bad.push(i);
      });
      const fix = removeItems(w, c.node, [...caps, 'add'], bad);
      for (const i of bad) {
        const node = c.get([...caps, 'add', i])!;
        const capability = String(known(node) ?? '');
        ctx.report({ node, messageId: 'added', data: { container: c.name, capability }, fix, breaksBaseline: !baselineCapabilities.has(capability) });
      }
    }
  },
});
