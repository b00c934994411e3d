// Container environment variables must not hold credentials in plain text: a value whose name looks
// like a credential, or whose text has a known credential format whatever its name.

import { asMap, asSeq, deref, defineRule, pairOf } from '../../server/src/engine';
import { credentialNameKind, describeKinds, notASecret, containsReference, scanText } from './scan';
import { extraNames, secretsHint } from './hint';
import { secretKeys } from './facts';
import { moveToSecret } from './move-to-secret';
import { stringOf } from './secret-values';

export default defineRule({
  id: 'secret-in-env',
  meta: {
    title: 'Environment variables must not hold plaintext credentials',
    description: 'A container env value must not be a password, token, key or other credential; reference a Secret with valueFrom.secretKeyRef instead.',
    category: 'secrets',
    severity: 'warning',
    equivalents: { kubeLinter: ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'], kubescape: ['C-0012'] },
    compliance: { nsa: ['secrets'] },
    kinds: 'workload',
    // "Move to a Secret" may reference a Secret of another file that holds the key.
    scope: 'workspace',
    reads: [secretKeys],
    fix: 'suggestion',
    hint: secretsHint,
    messages: {
      plaintext: 'env "{env}" of container "{container}" holds a plaintext {kind}',
    },
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    const extra = extraNames(ctx);
    for (const c of w.containers()) {
      const env = asSeq(c.get(['env']));
      for (const raw of env?.items ?? []) {
        const item = asMap(deref(w.doc, raw));
        const nameNode = item && pairOf(item, 'name')?.value;
        const valuePair = item && pairOf(item, 'value');
        const name = stringOf(nameNode as never);
        const value = stringOf(valuePair?.value as never);
        if (!item || !valuePair || name === undefined || value === undefined || pairOf(item, 'valueFrom')) continue;
        if (notASecret(value) || containsReference(value)) continue;
        const formats = scanText(value);
        const kind = formats.length > 0 ? describeKinds(formats) : credentialNameKind(name, extra);
        if (!kind) continue;
        ctx.report({
          node: nameNode as never,
          messageId: 'plaintext',
          data: { env: name, container: c.name, kind },
          suggestions: moveToSecret(ctx, c, item, valuePair, name, value),
        });
      }
    }
  },
});
