// ConfigMaps are not for credentials: they are stored unencrypted, readable by anyone who may read
// the namespace's configuration, and committed as is. Flags keys that name a credential, and values
// — embedded files included (properties, .env, JSON, YAML, connection strings) — that contain one.
// Unlike an env var, a ConfigMap key is where the value itself will live: a placeholder under a
// credential-named key (`AWS_SECRET_ACCESS_KEY: xxxxx`), or a private-key block with a dummy body,
// is a credential waiting to be filled in, and is flagged too.

import { asMap, defineRule, nodeAt, stringEntries } from '../../server/src/engine';
import { credentialNameKind, describeKinds, containsReference, Detection, notASecret, scanText } from './scan';
import { extraNames, secretsHint } from './hint';
import { isSwitch } from './placeholders';

/** The armour line of a PEM private key: `-----BEGIN PRIVATE KEY-----`, `-----BEGIN RSA PRIVATE KEY-----` … */
const privateKeyBlock = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

export default defineRule({
  id: 'secret-in-configmap',
  meta: {
    title: 'ConfigMaps must not hold credentials',
    description:
      'A ConfigMap key must not name a credential (even with a placeholder value) or hold a private key, and its values (embedded files included) must not contain credentials; keep them in a Secret.',
    category: 'secrets',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0109'], kubeLinter: ['configmap-with-credentials'], polaris: ['sensitiveConfigmapContent'], kubescape: ['C-0012'] },
    compliance: { nsa: ['secrets'] },
    kinds: ['ConfigMap'],
    scope: 'document',
    fix: 'none',
    hint: secretsHint,
    messages: {
      named: 'key "{key}" of ConfigMap "{name}" holds a plaintext {kind}',
      embedded: 'key "{key}" of ConfigMap "{name}" contains a plaintext {kind}{where}',
      slot: 'key "{key}" of ConfigMap "{name}" is where the {kind} goes: whatever value it gets is stored in plain text',
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
      // Nothing is stored yet, and nothing says a credential will be.
      if (value.trim() === '') continue;
      const found = notASecret(value) ? [] : scanText(value, { entries: true, flags: true, extraNames: extra });
      if (found.length > 0) {
        ctx.report({ node: e.keyNode, messageId: 'embedded', data: { key: e.key, name, kind: describeKinds(found), where: namesOf(found) } });
        continue;
      }
      if (privateKeyBlock.test(value)) {
        ctx.report({ node: e.keyNode, messageId: 'slot', data: { key: e.key, name, kind: 'private key' } });
        continue;
      }
      // A one-line value under a credential-like key is the credential, or a stand-in for it; a file
      // is judged by its content. A reference names a value kept elsewhere (an env var fed by a Secret).
      if (value.includes('\n') || containsReference(value) || isSwitch(value)) continue;
      const kind = credentialNameKind(e.key, extra);
      if (kind) ctx.report({ node: e.keyNode, messageId: notASecret(value) ? 'slot' : 'named', data: { key: e.key, name, kind } });
    }
  },
});

/** ` ("db.password", "api.token")`: the embedded entries that named the credentials, when any did. */
function namesOf(found: readonly Detection[]): string {
  const names = [...new Set(found.map((d) => d.name).filter((n): n is string => !!n))];
  if (names.length === 0) return '';
  const listed = names
    .slice(0, 3)
    .map((n) => `"${n}"`)
    .join(', ');
  return ` (${listed}${names.length > 3 ? ', …' : ''})`;
}
