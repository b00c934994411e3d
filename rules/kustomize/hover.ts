// The kustomize family's hover on the name of a resource in a patch: which kustomizations use the
// file as a patch, with links, and why only the values it sets are checked.

import { HoverProvider, nodeAt, scalarValue } from '../../server/src/engine';
import { kustomizations } from './facts';

export const kustomizeHover: HoverProvider = {
  family: 'kustomize',
  hover(ctx, offset) {
    if (ctx.workspace.role() !== 'partial') return undefined;
    const name = nodeAt(ctx.resource.doc, ctx.resource.root, ['metadata', 'name']);
    const range = name?.range;
    if (!range || scalarValue(name) === undefined || offset < range[0] || offset > range[1]) return undefined;
    const users = ctx.workspace.facts(kustomizations).filter((k) => k.patches.some((p) => p.file === ctx.workspace.file));
    if (users.length === 0) return undefined;
    const lines = ['**Kustomize patch**', '', `Patched into the resources of: ${users.map((k) => ctx.link(k.at)).join(', ')}.`];
    lines.push('', 'Fields this file leaves out come from the resource it patches, so only the values it sets are checked here.');
    return { markdown: lines.join('\n'), node: name! };
  },
};
