// ConfigMaps are not for credentials: they are stored unencrypted, readable by anyone who may read
// the namespace's configuration, and committed as is. Flags keys that name a credential, and values
// — embedded files included (properties, .env, JSON, YAML, connection strings) — that contain one.

import { asMap, defineRule, nodeAt, stringEntries } from '../../server/src/engine';
import { credentialNameKind, describeKinds, containsReference, notASecret, scanText } from './scan';
import { extraNames, secretsHint } from './hint';

export default defineRule({
  id: 'secret-in-configmap',
  meta: {
    title: 'ConfigMaps must not hold credentials',
    description: 'A ConfigMap key must not name a credential with a real value, and its values (embedded files included) must not contain credentials; keep them in a Secret.',
    category: 'secrets',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0109'], kubeLinter: ['configmap-with-credentials'], polaris: ['sensitiveConfigmapContent'], kubescape: ['C-0012'] },
    kinds: ['ConfigMap'],
    scope: 'document',
    fix: 'none',
    hint: secretsHint,
    messages: {
      named: 'key "{key}" of ConfigMap "{name}" holds a plaintext {kind}',
      embedded: 'key "{key}" of ConfigMap "{name}" contains a plaintext {kind}{where}',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.apiVersion !== 'v1') return;
    const extra = extraNames(ctx);
    const map = asMap(nodeAt(r.doc, r.root, ['data']));
    const name = r.name || '(unnamed)';
    for (const e of stringEntries(map, r.doc)) {
      if (e.value === undefined) continue;
      const value = String(e.value);
      if (notASecret(value)) continue;
      const found = scanText(value, { entries: true, flags: true, extraNames: extra });
      if (found.length > 0) {
        const names = [...new Set(found.map((d) => d.name).filter((n): n is string => !!n))];
        const where =
          names.length > 0
            ? ` (${names
                .slice(0, 3)
                .map((n) => `"${n}"`)
                .join(', ')}${names.length > 3 ? ', …' : ''})`
            : '';
        ctx.report({ node: e.keyNode, messageId: 'embedded', data: { key: e.key, name, kind: describeKinds(found), where } });
        continue;
      }
      // A one-line value under a credential-like key is the credential itself; a file is judged by its content.
      const kind = !value.includes('\n') && !containsReference(value) ? credentialNameKind(e.key, extra) : undefined;
      if (kind) ctx.report({ node: e.keyNode, messageId: 'named', data: { key: e.key, name, kind } });
    }
  },
});
