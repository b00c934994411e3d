// Secret manifests must not carry their values: `stringData` is plain text and `data` is only
// base64-encoded, so either one committed to git hands the credential to everyone who can read it.
// Recognised from the parsed YAML (kind Secret, apiVersion v1); one finding per key, on the key.
// A file git ignores is not committed: its values are where they belong (the workspace's .gitignore files say).

import { asMap, defineRule, nodeAt, stringEntries } from '../../server/src/engine';
import { describeKinds, isTemplateExpression, notASecret, scanText, credentialNameKind } from './scan';
import { extraNames, secretsHint } from './hint';
import { decodeBase64, isSecret } from './secret-values';
import { gitIgnored, gitIgnores } from './git-ignore';

export default defineRule({
  id: 'secret-manifest-plaintext',
  meta: {
    title: 'Secret manifests must not hold their values',
    description: 'A Secret manifest with stringData or data values puts the credential in the repository; base64 is an encoding, not encryption.',
    category: 'secrets',
    severity: 'warning',
    equivalents: 'none',
    compliance: { cis: ['5.4.2'], nsa: ['secrets'] },
    kinds: ['Secret'],
    scope: 'workspace',
    reads: [gitIgnores],
    fix: 'none',
    hint: secretsHint,
    messages: {
      stringData: 'key "{key}" of Secret "{name}" holds a {kind} in plain text',
      data: 'key "{key}" of Secret "{name}" holds a {kind}, only base64-encoded',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (!isSecret(r) || gitIgnored(ctx.workspace)) return;
    const extra = extraNames(ctx);
    const kindOf = (key: string, value: string) => {
      const found = scanText(value, { entries: true, extraNames: extra });
      return found.length > 0 ? describeKinds(found) : (credentialNameKind(key, extra) ?? 'secret value');
    };
    for (const field of ['stringData', 'data'] as const) {
      const map = asMap(nodeAt(r.doc, r.root, [field]));
      for (const e of stringEntries(map, r.doc)) {
        if (e.value === undefined) continue;
        const raw = String(e.value);
        if (isTemplateExpression(raw)) continue;
        const value = field === 'data' ? decodeBase64(raw) : raw;
        // Invalid base64 is secret-invalid-base64's finding.
        if (value === undefined || notASecret(value)) continue;
        ctx.report({ node: e.keyNode, messageId: field, data: { key: e.key, name: r.name || '(unnamed)', kind: kindOf(e.key, value) } });
      }
    }
  },
});
