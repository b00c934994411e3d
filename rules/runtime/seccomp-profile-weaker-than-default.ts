// Runtime: syscalls that the container runtime's default profile refuses (or allows only to a
// container holding a capability) but this profile allows. They are the kernel's most exposed
// surface — mounting, loading modules, creating namespaces, the kernel keyring, BPF — and a custom
// profile that allows them is weaker than `RuntimeDefault`, which most authors do not intend.

import { defineRule } from '../../server/src/engine';
import { allowedSyscalls, allowing, defaultRefusal, deniesAny, isAllowList, profileKind, profileOf } from './seccomp-profile';

/** The first few names of a list, and how many more. */
function some(names: string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
}

export default defineRule({
  id: 'seccomp-profile-weaker-than-default',
  meta: {
    title: 'Seccomp profiles do not allow what the runtime default refuses',
    description:
      'The runtime default profile refuses syscalls such as mount, unshare, bpf, keyctl, kexec_load and init_module (some only without a capability); a profile that allows them is weaker than RuntimeDefault.',
    category: 'runtime',
    severity: 'warning',
    equivalents: 'none',
    compliance: { cis: ['5.7.2'], nsa: ['pod-security'] },
    kinds: [profileKind],
    scope: 'document',
    fix: 'none',
    messages: {
      allowed: '"{name}" is allowed here; the runtime default allows it {when}',
      notDenied: 'this profile allows {count} syscall(s) the runtime default refuses: {names}',
    },
    hint: 'Remove the syscall unless the application needs it; when it does, the container usually needs the capability too.',
  },
  check(ctx) {
    const profile = profileOf(ctx.resource);
    if (isAllowList(profile)) {
      for (const rule of profile.rules) {
        // Allowed only to a container holding a capability, as the runtime default does.
        if (!rule.action || !allowing.has(rule.action) || rule.capabilities.length > 0) continue;
        for (const { name, node } of rule.names) {
          const when = defaultRefusal(name);
          if (when) ctx.report({ node, messageId: 'allowed', data: { name, when: when === 'never' ? 'to no container' : `${when}` } });
        }
      }
      return;
    }
    // A deny-list: what it does not deny runs. One that denies nothing is seccomp-profile-allows-all's.
    if (!deniesAny(profile)) return;
    const open = [...allowedSyscalls(profile)].filter((name) => defaultRefusal(name) !== undefined).sort();
    if (open.length > 0) ctx.report({ node: profile.defaultNode, messageId: 'notDenied', data: { count: open.length, names: some(open) } });
  },
});
