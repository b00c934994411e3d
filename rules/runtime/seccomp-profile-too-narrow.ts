// Runtime: an allow-list so narrow that no process can start. The runtime loads the profile and then
// executes the container's process, so the filter already applies to that execve; every process
// maps memory and exits. The seed article's profile allows only `open`.

import { defineRule } from '../../server/src/engine';
import { missingGroups } from './profile-files';
import { profileKind, profileOf } from './seccomp-profile';

export default defineRule({
  id: 'seccomp-profile-too-narrow',
  meta: {
    title: 'Seccomp allow-lists let a process start',
    description: 'An allow-list without execve, memory mapping or exit refuses the calls every process makes: the container fails as soon as it starts.',
    category: 'runtime',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: [profileKind],
    scope: 'document',
    fix: 'none',
    messages: { tooNarrow: 'no process can start under this profile: it allows none of {missing}' },
    hint: 'Start from the runtime default profile, or record what the application calls (for example with the Security Profiles Operator) and allow that.',
  },
  check(ctx) {
    const missing = missingGroups(profileOf(ctx.resource));
    if (missing.length === 0) return;
    ctx.report({ node: ctx.resource.anchor, messageId: 'tooNarrow', data: { missing: missing.map((g) => `${g.names.join('/')} (${g.why})`).join('; ') } });
  },
});
