// The secrets family's facts in the workspace model: each Secret manifest's name, namespace, the
// names of its keys and a keyed digest of each value — never the values — so "Move to a Secret" can
// reference a Secret that already holds a key (or this very value) and pick names no Secret has.
// A changed value changes the digest, so rules that read these facts are re-checked.

import { asMap, defineFacts, Fact, nodeAt, stringEntries } from '../../server/src/engine';
import { valueDigest } from './digest';
import { secretValues } from './secret-values';

export interface SecretKeysFact extends Fact {
  name: string;
  namespace: string | null;
  keys: string[];
  /** By key, the digest of its value (`stringData` over `data`, decoded); no entry for undecodable data. */
  digests: Record<string, string>;
}

export const secretKeys = defineFacts<SecretKeysFact>({
  id: 'secrets.secret-keys',
  kinds: ['Secret'],
  extract(resource, ctx) {
    if (resource.apiVersion !== 'v1' || !resource.name) return [];
    const keys = ['data', 'stringData'].flatMap((field) => stringEntries(asMap(nodeAt(resource.doc, resource.root, [field])), resource.doc).map((e) => e.key));
    // No prototype: a key named `__proto__` is a key like any other.
    const digests: Record<string, string> = Object.create(null);
    for (const [key, value] of secretValues(resource)) digests[key] = valueDigest(value);
    return [{ at: ctx.at(), name: resource.name, namespace: resource.namespace, keys: [...new Set(keys)], digests }];
  },
  namespaceOf: (fact) => fact.namespace,
});
