// `kubectl apply` records the whole applied object in the `kubectl.kubernetes.io/last-applied-configuration`
// annotation; a manifest exported from a cluster (`kubectl get -o yaml`) then carries a Secret's values
// a second time, as JSON in an annotation, where reviewers rarely look.

import { asMap, defineRule, deref, isScalar, nodeAt, pairOf, removeIn, scalarValue } from '../../server/src/engine';
import { notASecret } from './scan';
import { secretsHint } from './hint';
import { decodeBase64 } from './secret-values';

const annotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** The keys of a Secret's data and stringData in a last-applied JSON that hold a real value. */
function secretKeys(json: string): string[] | undefined {
  let applied: unknown;
  try {
    applied = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!applied || typeof applied !== 'object') return undefined;
  const object = applied as Record<string, unknown>;
  if (object.kind !== 'Secret') return undefined;
  const keys: string[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const map = object[field];
    if (!map || typeof map !== 'object') continue;
    for (const [key, raw] of Object.entries(map as Record<string, unknown>)) {
      if (typeof raw !== 'string') continue;
      const value = field === 'data' ? (decodeBase64(raw) ?? raw) : raw;
      if (!notASecret(value)) keys.push(key);
    }
  }
  return keys;
}

export default defineRule({
  id: 'secret-in-last-applied',
  meta: {
    title: "Annotations must not carry a Secret's values",
    description: 'A last-applied-configuration annotation that records a Secret carries its values as JSON; remove the annotation from manifests kept in git.',
    category: 'secrets',
    severity: 'warning',
    equivalents: 'none',
    compliance: { nsa: ['secrets'] },
    kinds: ['*'],
    scope: 'document',
    fix: 'suggestion',
    hint: `${secretsHint} The annotation is written by \`kubectl apply\` and belongs in the cluster, not in git.`,
    messages: {
      carries: 'the last-applied-configuration annotation carries the values of Secret "{name}" ({key})',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    // Runs on every resource: look the one annotation up directly rather than building the whole map.
    const pair = pairOf(asMap(nodeAt(r.doc, r.root, ['metadata', 'annotations'])), annotation, r.doc);
    const value = pair && isScalar(pair.key) ? scalarValue(deref(r.doc, pair.value) ?? undefined) : undefined;
    if (!pair || typeof value !== 'string' || !value.includes('Secret')) return;
    const entry = { keyNode: pair.key };
    const keys = secretKeys(value);
    if (!keys || keys.length === 0) return;
    const key =
      keys.length <= 3
        ? keys.map((k) => `"${k}"`).join(', ')
        : `${keys
            .slice(0, 3)
            .map((k) => `"${k}"`)
            .join(', ')} and ${keys.length - 3} more`;
    ctx.report({
      node: entry.keyNode,
      messageId: 'carries',
      data: { name: r.name || '(unnamed)', key },
      suggestions: [
        {
          title: 'Remove the last-applied-configuration annotation',
          fix: (file) => removeIn({ text: file.text, doc: r.doc }, r.root, ['metadata', 'annotations', annotation], 1),
        },
      ],
    });
  },
});
