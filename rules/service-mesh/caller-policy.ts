// ALLOW AuthorizationPolicies built from the callers the network family finds in the workspace
// (workloads that name a workload's Service, ingress controllers, outside clients of a
// LoadBalancer): callers inside the cluster are admitted by namespace (an mTLS identity), outside
// clients by port only, since the mesh cannot name them.

import { scalarText, WorkspaceView } from '../../server/src/engine';
import { Caller, inferCallers, PolicyPort } from '../network/callers';
import { concreteLabels, policyName } from '../network/generate';
import { hasUnknown, WorkloadFact, workloads } from '../network/facts';

function portsText(ports: readonly PolicyPort[]): string[] {
  // Istio matches numeric ports only; a named port (unresolved) leaves the rule without `to`.
  if (ports.length === 0 || ports.some((p) => typeof p.port !== 'number')) return [];
  const list = [...new Set(ports.map((p) => `"${p.port}"`))].join(', ');
  return ['      to:', '        - operation:', `            ports: [${list}]`];
}

function rulesText(callers: readonly Caller[], namespace: string): string[] {
  const inside = callers.filter((c) => !c.peer.anywhere && c.peer.namespace !== '*');
  const outside = callers.filter((c) => c.peer.anywhere);
  const out: string[] = [];
  if (inside.length > 0) {
    const namespaces = [...new Set(inside.map((c) => c.peer.namespace ?? namespace))].map(scalarText).join(', ');
    out.push('    - from:', '        - source:', `            namespaces: [${namespaces}]`, ...portsText(inside.flatMap((c) => c.ports)));
  }
  const outsidePorts = portsText(outside.flatMap((c) => c.ports));
  if (outsidePorts.length > 0) out.push(`    - to:`, ...outsidePorts.slice(1));
  return out;
}

/** The ALLOW policy of one workload, or undefined when no caller can be written as a rule. */
function allowText(view: WorkspaceView, workload: WorkloadFact, namespace: string): string[] | undefined {
  const labels = concreteLabels(workload.labels);
  if (!labels || hasUnknown(workload)) return undefined;
  const rules = rulesText(inferCallers(view, workload, []), namespace);
  if (rules.length === 0) return undefined;
  const selector = Object.entries(labels).map(([k, v]) => `      ${scalarText(k)}: ${scalarText(v)}`);
  const name = policyName('allow-', workload.name || workload.kind.toLowerCase());
  return [
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    'metadata:',
    `  name: ${scalarText(name)}`,
    `  namespace: ${scalarText(namespace)}`,
    'spec:',
    '  action: ALLOW',
    '  selector:',
    '    matchLabels:',
    ...selector,
    '  rules:',
    ...rules,
  ];
}

/** ALLOW policies for the namespace's workloads whose callers the workspace shows, as documents, and their names. */
export function callerPolicies(view: WorkspaceView, namespace: string): { names: string[]; documents: string[][] } {
  const names: string[] = [];
  const documents: string[][] = [];
  for (const workload of view.facts(workloads, namespace)) {
    if (workload.namespace !== namespace) continue;
    const text = allowText(view, workload, namespace);
    if (!text) continue;
    names.push(workload.name);
    documents.push(text);
  }
  return { names, documents };
}
