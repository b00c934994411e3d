// The objects an admission policy may take as parameters (`paramKind`): ConfigMaps and custom
// resources of the workspace, whole (their status aside), so that a binding's `paramRef` in one file
// finds its parameters in another. Built-in kinds other than ConfigMap are left out (a Secret's values
// stay out of the model), and so is an object too large to sign on every keystroke.

import { defineFacts, Fact, isTemplatedText, plain } from '../../server/src/engine';

export interface ParamFact extends Fact {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | null;
  labels: Record<string, string>;
  /** The object as plain data; absent when too large or templated (it cannot be evaluated then). */
  object?: Record<string, unknown>;
}

/** Larger parameter objects are named but not kept: a policy that reads one is not evaluated offline. */
const maxJson = 16_384;

/** API groups of Kubernetes itself: their kinds are no parameter kinds, but for ConfigMap. */
const builtInGroup = /(^|\.)k8s\.io$|^(apps|batch|autoscaling|policy|extensions)$/;

export function isParamCandidate(apiVersion: string, kind: string): boolean {
  if (kind === 'ConfigMap') return apiVersion === 'v1';
  const slash = apiVersion.indexOf('/');
  return slash > 0 && !builtInGroup.test(apiVersion.slice(0, slash)) && !/^kyverno\.io$/.test(apiVersion.slice(0, slash));
}

export const policyParams = defineFacts<ParamFact>({
  id: 'policy.params',
  kinds: ['*'],
  extract(resource, ctx) {
    if (!resource.name || !isParamCandidate(resource.apiVersion, resource.kind)) return [];
    const whole = plain(resource.doc, resource.root);
    if (!whole || typeof whole !== 'object' || Array.isArray(whole)) return [];
    const { status: _status, ...object } = whole as Record<string, unknown>;
    const metadata = (object.metadata ?? {}) as Record<string, unknown>;
    const labels = metadata.labels && typeof metadata.labels === 'object' ? (metadata.labels as Record<string, string>) : {};
    const json = JSON.stringify(object);
    const keep = json.length <= maxJson && !isTemplatedText(json);
    return [{ at: ctx.at(), apiVersion: resource.apiVersion, kind: resource.kind, name: resource.name, namespace: resource.namespace, labels, ...(keep ? { object } : {}) }];
  },
  namespaceOf: (fact) => fact.namespace,
});
