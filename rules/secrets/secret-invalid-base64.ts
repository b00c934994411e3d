// A Secret's `data` values must be base64: the API server rejects anything else, so a plaintext value
// typed into `data` (instead of `stringData`) fails at apply time, after it has been committed.

import { asMap, defineRule, nodeAt, stringEntries } from '../../server/src/engine';
import { isTemplateExpression } from './scan';
import { secretsHint } from './hint';
import { decodeBase64, isSecret } from './secret-values';

export default defineRule({
  id: 'secret-invalid-base64',
  meta: {
    title: 'Secret data must be valid base64',
    description: 'Every value of a Secret data map must be base64-encoded; the API server rejects the Secret otherwise.',
    category: 'secrets',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Secret'],
    scope: 'document',
    fix: 'none',
    hint: secretsHint,
    messages: {
      invalid: 'key "{key}" of Secret "{name}" is not valid base64',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (!isSecret(r)) return;
    const map = asMap(nodeAt(r.doc, r.root, ['data']));
    for (const e of stringEntries(map, r.doc)) {
      if (e.value === undefined || !e.valueNode) continue;
      const raw = String(e.value);
      if (isTemplateExpression(raw) || decodeBase64(raw) !== undefined) continue;
      ctx.report({ node: e.keyNode, messageId: 'invalid', data: { key: e.key, name: r.name || '(unnamed)' } });
    }
  },
});
