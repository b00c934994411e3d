// Container command lines must not carry credentials: `--password=…`-style flags and values with a
// known credential format in `command` and `args`, which end up in git, in `kubectl describe` and in
// every process listing of the node.

import { asSeq, defineRule, deref, isScalar, Node } from '../../server/src/engine';
import { credentialNameKind, describeKinds, notASecret, containsReference, scanText } from './scan';
import { extraNames, secretsHint } from './hint';
import { stringOf } from './secret-values';

export default defineRule({
  id: 'secret-in-args',
  meta: {
    title: 'Command lines must not hold plaintext credentials',
    description: 'A container command or args item must not carry a password, token or key; pass it through an env var from a Secret and reference it as $(VAR).',
    category: 'secrets',
    severity: 'warning',
    equivalents: 'none',
    compliance: { nsa: ['secrets'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    hint: `${secretsHint} In a command line, use \`$(VAR)\` with an env var whose \`valueFrom.secretKeyRef\` names the Secret.`,
    messages: {
      plaintext: '{field} of container "{container}" holds a plaintext {kind}',
    },
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    const extra = extraNames(ctx);
    for (const c of w.containers()) {
      for (const field of ['command', 'args'] as const) {
        const items = asSeq(c.get([field]))?.items.map((i) => deref(w.doc, i)) ?? [];
        const reported = new Set<number>();
        items.forEach((node, index) => {
          if (reported.has(index)) return;
          const text = stringOf(node as Node);
          if (text === undefined || !isScalar(node)) return;
          const found = scanText(text, { flags: true, extraNames: extra });
          const kind = found.length > 0 ? describeKinds(found) : undefined;
          // `--password hunter2` written as two items: the flag names the credential, the next item is it.
          const next = stringOf(items[index + 1] as Node);
          const flag = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(text);
          if (!kind && flag && next !== undefined && !next.startsWith('-') && !notASecret(next) && !containsReference(next)) {
            const named = credentialNameKind(flag[1], extra);
            if (named) {
              reported.add(index + 1);
              ctx.report({ node: items[index + 1] as Node, messageId: 'plaintext', data: { field: `${field}[${index + 1}]`, container: c.name, kind: `${named} (after ${text})` } });
              return;
            }
          }
          if (kind) ctx.report({ node, messageId: 'plaintext', data: { field: `${field}[${index}]`, container: c.name, kind } });
        });
      }
    }
  },
});
