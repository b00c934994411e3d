// An API version the target Kubernetes no longer serves: the API server rejects the manifest
// (`no matches for kind "Deployment" in version "extensions/v1beta1"`), so nothing in it is applied,
// its security settings included. Versions come from the generated deprecation table.

import { defineRule } from '../../server/src/engine';
import { apiVersionNode, deprecatedKinds, deprecationOf, migrationOf, versionText } from './api-migration';

export default defineRule({
  id: 'removed-api-version',
  meta: {
    title: 'API versions must be served by the target Kubernetes version',
    description: 'The apiVersion of a resource must not be one that Kubernetes removed at or before the target version.',
    category: 'schema',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: deprecatedKinds,
    scope: 'document',
    fix: 'safe',
    messages: {
      removed: '{apiVersion} {kind} is not served since Kubernetes {removed} (the target is {target}): use {replacement}',
      removedNoReplacement: '{apiVersion} {kind} is not served since Kubernetes {removed} (the target is {target}) and no API version replaces it',
    },
    hint: 'Move to the replacement API version (the quick fix does it when only `apiVersion` changes). PodSecurityPolicy has no successor: enforce pod security with [Pod Security Admission](https://kubernetes.io/docs/concepts/security/pod-security-admission/) labels on the namespace.',
  },
  fixTitles: { removed: 'Migrate to {replacement}' },
  check(ctx) {
    const row = deprecationOf(ctx.resource);
    if (!row || row.removed === null || ctx.minor < row.removed) return;
    const data = { kind: row.kind, apiVersion: row.apiVersion, removed: versionText(row.removed), target: versionText(ctx.minor), replacement: row.replacement ?? '' };
    const node = apiVersionNode(ctx.resource);
    if (!row.replacement) return ctx.report({ node, messageId: 'removedNoReplacement', data });
    ctx.report({ node, messageId: 'removed', data, ...migrationOf(ctx, row) });
  },
});
