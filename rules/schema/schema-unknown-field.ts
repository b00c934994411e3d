// Schema: a field the API does not know in any version, such as `runAsNonroot` or `Webhooks`. The API
// server drops it (or, with kubectl's default strict validation, rejects the manifest), so a security
// setting that is misspelled silently does nothing. Fields of other versions are schema-field-version's.

import { defineRule, replaceScalar } from '../../server/src/engine';
import type { Scalar } from '../../server/src/engine';
import { crdSchemas } from './crd-facts';
import { validate } from './validate';

const rename = (key: Scalar, field: string) => () => replaceScalar(key, field);

export default defineRule({
  id: 'schema-unknown-field',
  meta: {
    title: 'Fields must exist in the API',
    description: 'A field the Kubernetes API does not define is dropped or rejected; a misspelled security setting does nothing.',
    category: 'schema',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    // A custom resource is checked against the CRD of its kind, which may be in another file.
    scope: 'workspace',
    reads: [crdSchemas],
    fix: 'safe',
    messages: {
      unknown: '"{field}" is not a field of {owner}',
      didYouMean: '"{field}" is not a field of {owner}, which has "{value}"',
      misplaced: '"{field}" is not a field of {owner} but of {type}: check its indentation',
    },
    hint: 'Kubernetes field names are case-sensitive. Custom resources are checked against the CRD of their kind in the workspace, or the bundled Istio CRDs.',
  },
  fixTitles: { didYouMean: 'Rename "{field}" to "{value}"' },
  check(ctx) {
    const validation = validate(ctx.resource, ctx.file, ctx.minor, ctx.partial, ctx.workspace);
    for (const issue of validation?.issues ?? []) {
      if (issue.type !== 'unknown' || issue.versions.length) continue;
      const { key, field, owner, suggestion, misplaced } = issue;
      if (misplaced) {
        ctx.report({ node: key, messageId: 'misplaced', data: { field, owner, type: misplaced } });
        continue;
      }
      if (!suggestion || suggestion.taken) {
        ctx.report({ node: key, messageId: 'unknown', data: { field, owner } });
        continue;
      }
      const data = { field, owner, value: suggestion.field };
      // Only a difference of letter case is certain enough to fix in bulk; a near spelling is a guess.
      if (suggestion.caseOnly) ctx.report({ node: key, messageId: 'didYouMean', data, fix: rename(key, suggestion.field) });
      else ctx.report({ node: key, messageId: 'didYouMean', data, suggestions: [{ title: `Rename "${field}" to "${suggestion.field}"`, fix: rename(key, suggestion.field) }] });
    }
  },
});
