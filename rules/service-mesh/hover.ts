// The service-mesh family's hover on a workload's `metadata.name`, in a workspace that configures
// Istio mTLS: the effective mode, the policy it comes from (linked) and the port-level exceptions.

import { HoverProvider, nodeAt, scalarValue, workloadOf } from '../../server/src/engine';
import { hasUnknown, workloads } from '../network/facts';
import { hasPeerAuthentication, levelNames, workloadMtls } from './mtls';

export const meshHover: HoverProvider = {
  family: 'service-mesh',
  hover(ctx, offset) {
    const { resource } = ctx;
    if (ctx.workspace.role() === 'partial') return undefined;
    const name = nodeAt(resource.doc, resource.root, ['metadata', 'name']);
    const range = name?.range;
    if (!range || !workloadOf(resource) || scalarValue(name) === undefined || offset < range[0] || offset > range[1]) return undefined;
    const [fact] = ctx.facts(workloads);
    if (!fact || !hasPeerAuthentication(ctx.workspace)) return undefined;
    const mtls = hasUnknown(fact) ? undefined : workloadMtls(ctx.workspace, fact);
    if (!mtls) return { markdown: '**Istio mTLS**\n\nThe effective mode is unknown: templated values, or policies of one level that disagree.', node: name! };
    const from = mtls.source ? `${levelNames[mtls.level]} PeerAuthentication \`${mtls.source.name || '(unnamed)'}\` — ${ctx.link(mtls.source.at)}` : 'no PeerAuthentication applies: Istio’s default';
    const lines = [`**Istio mTLS: ${mtls.mode}**`, '', `From the ${from}.`];
    for (const { port, mode } of mtls.ports) lines.push(`- port ${port}: ${mode}`);
    return { markdown: lines.join('\n'), node: name! };
  },
};
