// The NetworkPolicy that admits exactly a workload's callers on exactly the ports they use, one
// ingress rule per caller under a comment that says why it was let in; or, when no caller was
// found, the whole namespace on the declared ports. Text only, in the style of the Kubernetes docs.

import { scalarText } from '../../server/src/engine';
import { Caller, Peer, PolicyPort } from './callers';
import { freeName, PortRef, policyName } from './generate';

export interface PolicyInput {
  workloadName: string;
  namespace: string | null;
  labels: Record<string, string>;
  taken?: ReadonlySet<string>;
}

function matchLabels(labels: Record<string, string>, indent: string): string[] {
  return Object.entries(labels).map(([k, v]) => `${indent}${scalarText(k)}: ${scalarText(v)}`);
}

function header(input: PolicyInput, comment: string[]): string[] {
  const out = [
    ...comment.map((c) => `# ${c}`),
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${scalarText(freeName(policyName('allow-', input.workloadName), input.taken))}`,
  ];
  if (input.namespace !== null) out.push(`  namespace: ${scalarText(input.namespace)}`);
  out.push('spec:', '  podSelector:', '    matchLabels:', ...matchLabels(input.labels, '      '), '  policyTypes:', '  - Ingress');
  return out;
}

const namespaceLabel = 'kubernetes.io/metadata.name';

/** The `from` item of a peer (none for anywhere), at the indentation of a rule's keys. */
function peerLines(peer: Peer): string[] {
  if (peer.anywhere) return [];
  const keys: string[] = [];
  if (peer.namespace === '*') keys.push('namespaceSelector: {}');
  else if (peer.namespace !== undefined) keys.push('namespaceSelector:', '  matchLabels:', `    ${namespaceLabel}: ${scalarText(peer.namespace)}`);
  if (peer.pods) keys.push('podSelector:', '  matchLabels:', ...matchLabels(peer.pods, '    '));
  return keys.map((line, i) => (i === 0 ? `    - ${line}` : `      ${line}`));
}

function portLines(ports: readonly PolicyPort[], indent: string): string[] {
  if (ports.length === 0) return [];
  return [`${indent}ports:`, ...ports.flatMap((p) => [`${indent}- protocol: ${p.protocol}`, `${indent}  port: ${scalarText(p.port)}`])];
}

function ruleLines(caller: Caller): string[] {
  const comments = caller.why.map((w) => `  # ${w.replace(/[\r\n]+/g, ' ')}`);
  const from = peerLines(caller.peer);
  if (from.length === 0) {
    const ports = portLines(caller.ports, '    ');
    return [...comments, ports.length > 0 ? `  - ${ports[0].trimStart()}` : '  - {}', ...ports.slice(1)];
  }
  return [...comments, '  - from:', ...from, ...portLines(caller.ports, '    ')];
}

/** A policy admitting each caller on the ports it uses. */
export function callersPolicyText(input: PolicyInput, callers: readonly Caller[], eol = '\n'): string {
  const out = header(input, ['Admits the callers kube-harden found in the workspace, on the ports they use; add any it could not see.']);
  out.push('  ingress:', ...callers.flatMap(ruleLines));
  return out.join(eol) + eol;
}

/** A policy admitting every pod of the workload's namespace, on the declared ports (any when none). */
export function namespacePolicyText(input: PolicyInput, ports: readonly PortRef[], eol = '\n'): string {
  const out = header(input, ['kube-harden found no caller in the workspace: every pod of this namespace may connect.']);
  out.push('  ingress:', '  - from:', '    - podSelector: {}', ...portLines(ports, '    '));
  return out.join(eol) + eol;
}
