// Schema: a field the API requires is missing: a container without `name`, a Deployment spec without
// `selector`. The API server rejects the manifest. Patches (partial resources) are not judged.

import { defineRule } from '../../server/src/engine';
import { crdSchemas } from './crd-facts';
import { validate } from './validate';

export default defineRule({
  id: 'schema-required-field',
  meta: {
    title: 'Required fields must be set',
    description: 'A field the Kubernetes API requires, such as a container name or a Deployment selector, is missing, and the API server rejects the manifest.',
    category: 'schema',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    // A custom resource is checked against the CRD of its kind, which may be in another file.
    scope: 'workspace',
    reads: [crdSchemas],
    fix: 'none',
    messages: { missing: '{owner} is missing the required field "{field}"' },
  },
  check(ctx) {
    const validation = validate(ctx.resource, ctx.file, ctx.minor, ctx.partial, ctx.workspace);
    for (const issue of validation?.issues ?? []) {
      if (issue.type === 'required') ctx.report({ node: issue.node, messageId: 'missing', data: { owner: issue.owner, field: issue.field } });
    }
  },
});
