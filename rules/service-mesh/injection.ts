// Whether Istio injects sidecars into a namespace, from the labels of its Namespace in the workspace.

import type { WorkspaceView } from '../../server/src/engine';

export type Injection = 'sidecar' | 'ambient' | undefined;

/** How a namespace joins the mesh by its labels; undefined when it does not, or is not in the workspace. */
export function injectionOf(labels: Readonly<Record<string, string>>): Injection {
  if (labels['istio-injection'] === 'disabled') return undefined;
  if (labels['istio-injection'] === 'enabled' || (labels['istio.io/rev'] ?? '') !== '') return 'sidecar';
  return labels['istio.io/dataplane-mode'] === 'ambient' ? 'ambient' : undefined;
}

export function namespaceInjection(view: WorkspaceView, namespace: string | null): Injection {
  if (namespace === null) return undefined;
  const [ns] = view.resources({ kind: 'Namespace', name: namespace }).filter((r) => r.apiVersion === 'v1');
  return ns ? injectionOf(ns.labels) : undefined;
}
