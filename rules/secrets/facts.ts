// The secrets family's facts in the workspace model: each Secret manifest's name, namespace and the
// names of its keys — never its values — so "Move to a Secret" can reference a Secret of another
// file that already holds a key.

import { asMap, defineFacts, Fact, nodeAt, stringEntries } from '../../server/src/engine';

export interface SecretKeysFact extends Fact {
  name: string;
  namespace: string | null;
  keys: string[];
}

export const secretKeys = defineFacts<SecretKeysFact>({
  id: 'secrets.secret-keys',
  kinds: ['Secret'],
  extract(resource, ctx) {
    if (resource.apiVersion !== 'v1' || !resource.name) return [];
    const keys = ['data', 'stringData'].flatMap((field) => stringEntries(asMap(nodeAt(resource.doc, resource.root, [field])), resource.doc).map((e) => e.key));
    return [{ at: ctx.at(), name: resource.name, namespace: resource.namespace, keys: [...new Set(keys)] }];
  },
  namespaceOf: (fact) => fact.namespace,
});
