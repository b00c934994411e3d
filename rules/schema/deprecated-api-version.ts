// An API version deprecated at the target Kubernetes version: still served, but removed in a later
// release, after which the manifest no longer applies. Versions come from the generated table.

import { defineRule } from '../../server/src/engine';
import { apiVersionNode, deprecatedKinds, deprecationOf, migrationOf, versionText } from './api-migration';

export default defineRule({
  id: 'deprecated-api-version',
  meta: {
    title: 'API versions should not be deprecated at the target Kubernetes version',
    description: 'The apiVersion of a resource should not be one that Kubernetes deprecated at or before the target version and will stop serving.',
    category: 'schema',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: deprecatedKinds,
    scope: 'document',
    fix: 'safe',
    messages: {
      deprecated: '{apiVersion} {kind} is deprecated since Kubernetes {deprecated} and removed in {removed}: use {replacement}',
      deprecatedNoRemoval: '{apiVersion} {kind} is deprecated since Kubernetes {deprecated}: use {replacement}',
      deprecatedNoReplacement: '{apiVersion} {kind} is deprecated since Kubernetes {deprecated} and removed in {removed}, with no API version to replace it',
    },
    hint: 'Move to the replacement API version before upgrading the cluster (the quick fix does it when only `apiVersion` changes).',
  },
  fixTitles: { deprecated: 'Migrate to {replacement}', deprecatedNoRemoval: 'Migrate to {replacement}' },
  check(ctx) {
    const row = deprecationOf(ctx.resource);
    if (!row || row.deprecated === null || ctx.minor < row.deprecated) return;
    if (row.removed !== null && ctx.minor >= row.removed) return;
    const removed = row.removed === null ? '' : versionText(row.removed);
    const data = { kind: row.kind, apiVersion: row.apiVersion, deprecated: versionText(row.deprecated), removed, replacement: row.replacement ?? '' };
    const node = apiVersionNode(ctx.resource);
    if (!row.replacement) return ctx.report({ node, messageId: 'deprecatedNoReplacement', data });
    ctx.report({ node, messageId: row.removed === null ? 'deprecatedNoRemoval' : 'deprecated', data, ...migrationOf(ctx, row) });
  },
});
