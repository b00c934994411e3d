// The hover on a seccomp profile's `defaultAction`: how many syscalls it lets run, against the
// container runtime's default profile.

import { HoverProvider } from '../../server/src/engine';
import { allowedSyscalls, isAllowList, profileKind, profileOf, runtimeDefaultCount } from './seccomp-profile';

export const seccompHover: HoverProvider = {
  family: 'runtime',
  hover(ctx, offset) {
    if (ctx.resource.kind !== profileKind) return undefined;
    const profile = profileOf(ctx.resource);
    const range = profile.defaultNode.range;
    if (!range || offset < range[0] || offset > range[1]) return undefined;
    const allowed = allowedSyscalls(profile).size;
    const how = isAllowList(profile) ? `an allow-list: it lets ${allowed} syscall(s) run` : `a deny-list: it lets ${allowed} syscall(s) run, every one it does not refuse`;
    return {
      markdown: `**Seccomp profile**\n\n${how}; the container runtime's default profile lets ${runtimeDefaultCount} run for every container (more with some capabilities).`,
      node: profile.defaultNode,
    };
  },
};
