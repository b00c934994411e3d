// RBAC on EKS: the `aws-auth` ConfigMap of kube-system maps IAM roles and users to Kubernetes users
// and groups; one mapped to `system:masters` is cluster-admin that no RBAC object shows and no
// binding can take back. Reported on the group name inside `mapRoles` or `mapUsers`.

import { defineRule, isTemplated, nodeAt, scalarValue } from '../../server/src/engine';
import type { ParsedFile } from '../../server/src/engine';

/** `system:masters` as a whole item of a groups list (YAML or JSON inside the string). */
const masters = /(?<![\w:-])system:masters(?![\w:-])/g;

function sourceOf(file: ParsedFile, range: readonly number[]): string {
  return file.text.slice(range[0], range[1]);
}

export default defineRule({
  id: 'rbac-aws-auth-masters',
  meta: {
    title: 'The EKS aws-auth ConfigMap must not map to system:masters',
    description: 'An IAM role or user that `aws-auth` maps to the `system:masters` group is cluster-admin, invisible to RBAC and beyond the reach of any binding.',
    category: 'rbac',
    severity: 'error',
    equivalents: 'none',
    compliance: { nsa: ['rbac'] },
    kinds: ['ConfigMap'],
    scope: 'document',
    fix: 'none',
    messages: { masters: 'aws-auth maps an IAM identity in {key} to system:masters, which bypasses authorization' },
  },
  check(ctx) {
    const { resource, file } = ctx;
    if (resource.name !== 'aws-auth' || (resource.namespace !== null && resource.namespace !== 'kube-system')) return;
    for (const key of ['mapRoles', 'mapUsers']) {
      const node = nodeAt(resource.doc, resource.root, ['data', key]);
      if (!node?.range || isTemplated(node) || typeof scalarValue(node) !== 'string') continue;
      const text = sourceOf(file, node.range);
      for (const m of text.matchAll(masters)) {
        const start = node.range[0] + m.index!;
        ctx.report({ node, within: [start, start + m[0].length], messageId: 'masters', data: { key } });
      }
    }
  },
});
