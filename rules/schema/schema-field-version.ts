// Schema: a field that exists only in other Kubernetes versions than the target: `appArmorProfile`
// needs 1.30, so a 1.29 API server drops it and the pod runs without the profile the manifest names.

import { defineRule } from '../../server/src/engine';
import { schemaMinor } from './catalog';
import { validate } from './validate';

export default defineRule({
  id: 'schema-field-version',
  meta: {
    title: 'Fields must exist at the target Kubernetes version',
    description: 'A field added after the target version, or removed before it, is dropped or rejected by the API server of that version.',
    category: 'schema',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    scope: 'document',
    fix: 'none',
    messages: {
      tooNew: '"{field}" needs Kubernetes {version}; the target is {target}',
      removed: '"{field}" was removed in Kubernetes {version}; the target is {target}',
    },
    hint: 'Set the target version with `kubeHarden.kubernetesVersion`, `--kubernetes-version` or the namespace label `pod-security.kubernetes.io/enforce-version`.',
  },
  check(ctx) {
    const validation = validate(ctx.resource, ctx.file, ctx.minor, ctx.partial, ctx.workspace);
    const at = schemaMinor(ctx.minor);
    const target = `1.${ctx.minor}`;
    for (const issue of validation?.issues ?? []) {
      if (issue.type !== 'unknown' || !issue.versions.length) continue;
      const later = issue.versions.find((s) => s.from > at);
      const earlier = issue.versions.filter((s) => s.to < at).pop();
      // Between two spans (removed, then added again) the nearer change explains it best.
      if (later && (!earlier || later.from - at <= at - earlier.to)) {
        ctx.report({ node: issue.key, messageId: 'tooNew', data: { field: issue.field, version: `1.${later.from}`, target } });
      } else if (earlier) {
        ctx.report({ node: issue.key, messageId: 'removed', data: { field: issue.field, version: `1.${earlier.to + 1}`, target } });
      }
    }
  },
});
