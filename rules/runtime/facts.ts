// What the runtime rules read of other manifests: the ServiceAccounts that turn off the token mount,
// and the LimitRanges that give containers default requests and limits. Small plain facts, so
// signing them on every keystroke stays cheap.

import { asMap, asSeq, defineFacts, deref, Fact, isTemplatedText, known, NamespaceKey, nodeAt, Resource } from '../../server/src/engine';

interface Namespaced {
  namespace: string | null;
  /** `metadata.namespace` is a template expression: the fact may be about any namespace. */
  namespaceUnknown: boolean;
}

export interface ServiceAccountFact extends Fact, Namespaced {
  name: string;
  /** `automountServiceAccountToken` as the ServiceAccount sets it; null when unset or unknowable. */
  automount: boolean | null;
}

/** The defaults a LimitRange gives each container, as `memory.request`, `cpu.limit`…. */
export interface LimitRangeFact extends Fact, Namespaced {
  supplies: string[];
}

function namespaced(resource: Resource): Namespaced {
  return { namespace: resource.namespace, namespaceUnknown: resource.namespace !== null && isTemplatedText(resource.namespace) };
}

const namespaceOf = (fact: Namespaced): NamespaceKey => (fact.namespaceUnknown ? '*' : fact.namespace);

export const serviceAccounts = defineFacts<ServiceAccountFact>({
  id: 'runtime.serviceAccount',
  kinds: ['ServiceAccount'],
  extract: (resource, ctx) => {
    if (resource.apiVersion !== 'v1' || !resource.name) return [];
    const value = known(nodeAt(resource.doc, resource.root, ['automountServiceAccountToken']));
    return [{ at: ctx.at(), name: resource.name, automount: typeof value === 'boolean' ? value : null, ...namespaced(resource) }];
  },
  namespaceOf,
});

/**
 * A LimitRange item of type Container supplies a request through `defaultRequest`, and also through
 * `default` (the limit), which Kubernetes copies to the request when no default request is given.
 */
export function suppliedDefaults(resource: Resource): string[] {
  const out = new Set<string>();
  for (const item of asSeq(nodeAt(resource.doc, resource.root, ['spec', 'limits']))?.items ?? []) {
    const limit = asMap(deref(resource.doc, item));
    if (!limit || known(nodeAt(resource.doc, limit, ['type'])) !== 'Container') continue;
    for (const resourceName of ['cpu', 'memory']) {
      const limitDefault = nodeAt(resource.doc, limit, ['default', resourceName]) !== undefined;
      if (limitDefault) out.add(`${resourceName}.limit`);
      if (limitDefault || nodeAt(resource.doc, limit, ['defaultRequest', resourceName]) !== undefined) out.add(`${resourceName}.request`);
    }
  }
  return [...out].sort();
}

export const limitRanges = defineFacts<LimitRangeFact>({
  id: 'runtime.limitRange',
  kinds: ['LimitRange'],
  extract: (resource, ctx) => (resource.apiVersion === 'v1' ? [{ at: ctx.at(), supplies: suppliedDefaults(resource), ...namespaced(resource) }] : []),
  namespaceOf,
});
