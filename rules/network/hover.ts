// The network family's hover on a workload's `metadata.name`: the policies of the workspace that
// select its pods, with links to where they are declared, or that none does.

import { HoverProvider, nodeAt, scalarValue, workloadOf } from '../../server/src/engine';
import { isolation } from './coverage';
import { workloads } from './facts';

export const networkHover: HoverProvider = {
  family: 'network',
  hover(ctx, offset) {
    const { resource } = ctx;
    // A patch's pods are the patched workload's, whose labels it need not repeat.
    if (ctx.workspace.role() === 'partial') return undefined;
    const name = nodeAt(resource.doc, resource.root, ['metadata', 'name']);
    const range = name?.range;
    if (!range || !workloadOf(resource) || scalarValue(name) === undefined || offset < range[0] || offset > range[1]) return undefined;
    const [fact] = ctx.facts(workloads);
    if (!fact) return undefined;
    const { selecting } = isolation(ctx.workspace, fact, 'ingress');
    const what = `${fact.kind} "${fact.name}"`;
    if (selecting.length === 0) {
      return { markdown: `**Network policies**\n\nNo NetworkPolicy of the workspace selects ${what}: its pods accept traffic from every pod of the cluster.`, node: name! };
    }
    const lines = [`**Network policies selecting ${what}**`, ''];
    for (const { policy, certain } of selecting) {
      const directions = [policy.ingress === true ? 'ingress' : '', policy.egress === true ? 'egress' : ''].filter(Boolean).join(', ') || 'no direction';
      lines.push(`- ${policy.kind} \`${policy.name || '(unnamed)'}\` (${directions}) — ${ctx.link(policy.at)}${certain ? '' : ' — may select it (templated labels)'}`);
    }
    return { markdown: lines.join('\n'), node: name! };
  },
};
