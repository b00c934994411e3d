// The service-mesh family's hover on a workload's `metadata.name`: in a workspace that configures
// Istio mTLS, the effective mode, the policy it comes from (linked) and the port-level exceptions;
// in a namespace labelled for sidecar injection, what the injected init container asks of Pod Security.

import { HoverContext, HoverProvider, nodeAt, scalarValue, workloadOf } from '../../server/src/engine';
import { hasUnknown, WorkloadFact, workloads } from '../network/facts';
import { namespaceInjection } from './injection';
import { hasPeerAuthentication, levelNames, workloadMtls } from './mtls';

/** Why `istio-init` and Pod Security do not mix, for workloads that get a sidecar. */
export const podSecurityNote =
  'Sidecar injection adds an `istio-init` container that needs the `NET_ADMIN` and `NET_RAW` capabilities to redirect traffic: Pod Security `baseline` forbids `NET_ADMIN` and `restricted` forbids both, so such pods are rejected — unless the Istio CNI plugin (or ambient mode) sets up the redirection instead.';

function mtlsLines(ctx: HoverContext, fact: WorkloadFact): string[] {
  if (!hasPeerAuthentication(ctx.workspace)) return [];
  const mtls = hasUnknown(fact) ? undefined : workloadMtls(ctx.workspace, fact);
  if (!mtls) return ['**Istio mTLS**', '', 'The effective mode is unknown: templated values, or policies of one level that disagree.'];
  const from = mtls.source
    ? `From the ${levelNames[mtls.level]} PeerAuthentication \`${mtls.source.name || '(unnamed)'}\` — ${ctx.link(mtls.source.at)}.`
    : 'No PeerAuthentication applies: Istio’s default.';
  return [`**Istio mTLS: ${mtls.mode}**`, '', from, ...mtls.ports.map(({ port, mode }) => `- port ${port}: ${mode}`)];
}

export const meshHover: HoverProvider = {
  family: 'service-mesh',
  hover(ctx, offset) {
    const { resource } = ctx;
    if (ctx.workspace.role() === 'partial') return undefined;
    const name = nodeAt(resource.doc, resource.root, ['metadata', 'name']);
    const range = name?.range;
    if (!range || !workloadOf(resource) || scalarValue(name) === undefined || offset < range[0] || offset > range[1]) return undefined;
    const [fact] = ctx.facts(workloads);
    if (!fact) return undefined;
    const lines = mtlsLines(ctx, fact);
    if (!fact.namespaceUnknown && namespaceInjection(ctx.workspace, fact.namespace) === 'sidecar') lines.push(...(lines.length ? [''] : []), '**Istio sidecar injection**', '', podSecurityNote);
    return lines.length ? { markdown: lines.join('\n'), node: name! } : undefined;
  },
};
