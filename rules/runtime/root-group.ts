// Group 0 is root's group: files the image leaves group-writable for root (much of /etc on many
// base images) become writable to the process. The PSS check only the user, never the group.
// Another group may lose access to files the app needs, so the fixes are suggestions.

import { defineRule, isSet, known, removeItems, replaceWith, securityContextOwners, unknowable } from '../../server/src/engine';
import type { Node } from '../../server/src/engine';
import { asSeq } from '../../server/src/engine';

const otherGroup = 1000;

export default defineRule({
  id: 'root-group',
  meta: {
    title: 'Pods should not run with the root group',
    description: 'runAsGroup and fsGroup must not be 0, and supplementalGroups must not contain 0.',
    category: 'runtime',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0029'] },
    compliance: { cis: ['5.7.3'], nsa: ['non-root'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'suggestion',
    messages: {
      runAsGroup: '{owner} runs as the root group (runAsGroup: 0)',
      fsGroup: 'pod gives its volumes to the root group (fsGroup: 0)',
      supplementalGroups: 'pod adds the root group to its processes (supplementalGroups contains 0)',
    },
    hint: 'Use a group other than 0, one that owns the files the app needs.',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    const change = (node: Node, field: string) => [{ title: `Use group ${otherGroup} in ${field} (assumes the app needs no file of the root group)`, fix: replaceWith(node, otherGroup) }];
    for (const o of securityContextOwners(w)) {
      const node = o.get(['securityContext', 'runAsGroup']);
      if (isSet(node) && !unknowable(node) && known(node) === 0) ctx.report({ node, messageId: 'runAsGroup', data: { owner: o.label }, suggestions: change(node, 'runAsGroup') });
    }
    const fsGroup = w.get(['securityContext', 'fsGroup']);
    if (isSet(fsGroup) && known(fsGroup) === 0) ctx.report({ node: fsGroup, messageId: 'fsGroup', suggestions: change(fsGroup, 'fsGroup') });
    const groups = asSeq(w.get(['securityContext', 'supplementalGroups']));
    const roots = groups?.items.flatMap((item, i) => (known(item as Node) === 0 ? [i] : [])) ?? [];
    if (roots.length === 0) return;
    const title = 'Remove group 0 from supplementalGroups (assumes the app needs no file of the root group)';
    ctx.report({ node: groups!.items[roots[0]] as Node, messageId: 'supplementalGroups', suggestions: [{ title, fix: removeItems(w, w.spec, ['securityContext', 'supplementalGroups'], roots) }] });
  },
});
