// Runtime: an allow-list so narrow that no process can start. The runtime loads the profile and then
// executes the container's process, so the filter already applies to that execve; every process
// maps memory and exits. The seed article's profile allows only `open`.

import { defineRule } from '../../server/src/engine';
import { allowedSyscalls, isAllowList, profileKind, profileOf } from './seccomp-profile';

/** Each group: a process cannot start and end without one of these. */
const needed: ReadonlyArray<{ names: readonly string[]; why: string }> = [
  { names: ['execve', 'execveat'], why: 'the runtime executes the container process under the profile' },
  { names: ['mmap', 'mmap2', 'brk'], why: 'every process maps memory' },
  { names: ['exit_group', 'exit'], why: 'every process exits' },
];

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
    const profile = profileOf(ctx.resource);
    if (!isAllowList(profile)) return;
    const allowed = allowedSyscalls(profile);
    const missing = needed.filter((group) => !group.names.some((name) => allowed.has(name)));
    if (missing.length === 0) return;
    ctx.report({ node: profile.defaultNode, messageId: 'tooNarrow', data: { missing: missing.map((g) => `${g.names.join('/')} (${g.why})`).join('; ') } });
  },
});
