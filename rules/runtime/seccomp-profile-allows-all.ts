// Runtime: a profile whose default action lets every syscall run and that denies none protects
// nothing: the container is as exposed as `Unconfined`, while its manifest reads as confined.

import { defineRule } from '../../server/src/engine';
import { allowing, deniesAny, profileKind, profileOf } from './seccomp-profile';

export default defineRule({
  id: 'seccomp-profile-allows-all',
  meta: {
    title: 'Seccomp profiles deny something',
    description: 'A default action of SCMP_ACT_ALLOW or SCMP_ACT_LOG with no rule that refuses a syscall filters nothing: the container can make every syscall, as with Unconfined.',
    category: 'runtime',
    severity: 'warning',
    equivalents: 'none',
    compliance: { cis: ['5.7.2'], nsa: ['pod-security'] },
    kinds: [profileKind],
    scope: 'document',
    fix: 'none',
    messages: { allowsAll: 'this profile allows every syscall ({action} and no rule refuses one): it protects nothing' },
    hint: 'Start from the runtime default profile (`RuntimeDefault`) and remove what the application does not need, or deny what it must not do.',
  },
  check(ctx) {
    const profile = profileOf(ctx.resource);
    if (!allowing.has(profile.defaultAction) || deniesAny(profile)) return;
    ctx.report({ node: profile.defaultNode, messageId: 'allowsAll', data: { action: profile.defaultAction } });
  },
});
