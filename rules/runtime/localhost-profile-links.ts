// A manifest's `localhostProfile` linked to the profile file of the workspace it names: the hover
// shows the file and what it allows, go-to-definition opens it at its `defaultAction`.

import { DefinitionProvider, HoverProvider, workloadOf } from '../../server/src/engine';
import { profileAt, profileFiles, relativePath, summaryOf } from './profile-files';
import { runtimeDefaultCount } from './seccomp-profile';

export const localhostProfileHover: HoverProvider = {
  family: 'runtime',
  hover(ctx, offset) {
    const w = workloadOf(ctx.resource);
    const hit = w && profileAt(w, offset, ctx.workspace.file, ctx.workspace.facts(profileFiles));
    if (!hit) return undefined;
    const path = relativePath(ctx.workspace.file, hit.fact.at.file);
    return { markdown: `**Seccomp profile \`${path}\`** — ${ctx.link(hit.fact.at)}\n\n${summaryOf(hit.fact, runtimeDefaultCount)}`, node: hit.ref.node };
  },
};

export const localhostProfileDefinition: DefinitionProvider = {
  family: 'runtime',
  definition(ctx, offset) {
    const w = workloadOf(ctx.resource);
    const hit = w && profileAt(w, offset, ctx.workspace.file, ctx.workspace.facts(profileFiles));
    return hit ? { node: hit.ref.node, targets: [hit.fact.at] } : undefined;
  },
};
