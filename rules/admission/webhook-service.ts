// The Service a webhook is called through, as the workspace declares it (the network family's facts).

import { isTemplatedText, WorkspaceView } from '../../server/src/engine';
import { ServiceFact, services } from '../network/call-facts';

/**
 * The Service of the workspace with this name in this namespace, else one with this name and no
 * namespace (applied with `kubectl apply -n`); undefined when none declares it.
 */
export function findService(workspace: WorkspaceView, namespace: string, name: string): ServiceFact | undefined {
  const named = workspace.facts(services).filter((s) => s.name === name);
  return named.find((s) => s.namespace === namespace && !s.namespaceUnknown) ?? named.find((s) => s.namespace === null);
}

/** True when a Service of the workspace may be it once rendered (a templated namespace or name). */
export function maybeService(workspace: WorkspaceView, name: string): boolean {
  return workspace.facts(services).some((s) => isTemplatedText(s.name) || (s.namespaceUnknown && s.name === name));
}
