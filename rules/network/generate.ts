// The text of the NetworkPolicies that the network quick fixes add.

import { asMap, asSeq, deref, nodeAt, scalarText, scalarValue, Workload } from '../../server/src/engine';

export interface PortRef {
  port: number;
  protocol: string;
  /** The container port's `name`, which a Service's `targetPort` may use. */
  name?: string;
}

/** The ports the workload's containers declare (`containerPort`, protocol TCP unless set), without duplicates. */
export function declaredPorts(workload: Workload): PortRef[] {
  const out: PortRef[] = [];
  for (const container of workload.containers(['containers'])) {
    for (const item of asSeq(container.get(['ports']))?.items ?? []) {
      const map = asMap(deref(workload.doc, item));
      const port = scalarValue(nodeAt(workload.doc, map, ['containerPort']));
      const protocol = scalarValue(nodeAt(workload.doc, map, ['protocol']));
      const name = scalarValue(nodeAt(workload.doc, map, ['name']));
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) continue;
      const p: PortRef = { port, protocol: typeof protocol === 'string' && /^(TCP|UDP|SCTP)$/.test(protocol) ? protocol : 'TCP' };
      if (typeof name === 'string') p.name = name;
      if (!out.some((o) => o.port === p.port && o.protocol === p.protocol)) out.push(p);
    }
  }
  return out;
}

/** A name usable as `metadata.name` (DNS subdomain), derived from a workload's name. */
export function policyName(prefix: string, name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'workload';
  return `${prefix}${base}`.slice(0, 253).replace(/[-.]+$/, '');
}

/** `name`, or `name-2`, `name-3` … when a policy of that name already exists (applying would replace it). */
export function freeName(name: string, taken: ReadonlySet<string> = new Set()): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}-${i}`)) return `${name}-${i}`;
}

function lines(body: string[], eol: string): string {
  return body.join(eol) + eol;
}

function matchLabels(labels: Record<string, string>, indent: string): string[] {
  return Object.entries(labels).map(([k, v]) => `${indent}${scalarText(k)}: ${scalarText(v)}`);
}

/**
 * A policy in the manner of the Kubernetes docs' `allow-my-app`: it selects exactly the workload's
 * pod labels, isolates them for ingress, and lets in only pods with the same labels, on the ports the
 * containers declare (any port when none is declared).
 */
export function isolationPolicyText(
  input: { workloadName: string; namespace: string | null; labels: Record<string, string>; ports: readonly PortRef[]; taken?: ReadonlySet<string> },
  eol = '\n',
): string {
  const out = ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', `  name: ${scalarText(freeName(policyName('allow-', input.workloadName), input.taken))}`];
  if (input.namespace !== null) out.push(`  namespace: ${scalarText(input.namespace)}`);
  out.push('spec:', '  podSelector:', '    matchLabels:', ...matchLabels(input.labels, '      '));
  out.push('  policyTypes:', '  - Ingress', '  ingress:', '  - from:', '    - podSelector:', '        matchLabels:', ...matchLabels(input.labels, '          '));
  if (input.ports.length > 0) {
    out.push('    ports:');
    for (const p of input.ports) out.push(`    - protocol: ${p.protocol}`, `      port: ${p.port}`);
  }
  return lines(out, eol);
}

/** A default-deny ingress policy for a namespace: selects every pod and allows nothing in. */
export function defaultDenyPolicyText(namespace: string, eol = '\n'): string {
  return lines(
    [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: default-deny-ingress',
      `  namespace: ${scalarText(namespace)}`,
      'spec:',
      '  podSelector: {}',
      '  policyTypes:',
      '  - Ingress',
    ],
    eol,
  );
}

/** The pod labels of a workload as plain strings, or undefined when any is unknown or there are none. */
export function concreteLabels(labels: { values: Record<string, string | null>; unknown: boolean }): Record<string, string> | undefined {
  if (labels.unknown) return undefined;
  const entries = Object.entries(labels.values);
  if (entries.length === 0 || entries.some(([, v]) => v === null)) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}
