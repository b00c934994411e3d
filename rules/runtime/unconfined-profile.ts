// Unconfined seccomp or AppArmor, and SELinux's spc_t, switch a container's kernel-level
// confinement off. The Pod Security rules report them at baseline and restricted; in a namespace
// that enforces privileged (or with those rules off) they would pass silently, so this rule names
// them there, with what the container can then do.

import { defineRule, known, securityContextOwners, unknowable } from '../../server/src/engine';
import type { Node, RuleContext } from '../../server/src/engine';

type Kind = 'seccomp' | 'appArmor' | 'seLinux';

/** The Pod Security rules that report each kind at baseline or restricted. */
const pssRules: Record<Kind, readonly string[]> = {
  seccomp: ['baseline-seccomp-profile', 'restricted-seccomp-profile'],
  appArmor: ['apparmor-profile'],
  seLinux: ['selinux-options'],
};

const fields: Array<{ kind: Kind; path: string[]; value: string }> = [
  { kind: 'seccomp', path: ['securityContext', 'seccompProfile', 'type'], value: 'Unconfined' },
  { kind: 'appArmor', path: ['securityContext', 'appArmorProfile', 'type'], value: 'Unconfined' },
  { kind: 'seLinux', path: ['securityContext', 'seLinuxOptions', 'type'], value: 'spc_t' },
];

function pssSilent(ctx: RuleContext, kind: Kind): boolean {
  return ctx.level === 'privileged' || pssRules[kind].every((id) => ctx.config.rules[id] === 'off');
}

export default defineRule({
  id: 'unconfined-profile',
  meta: {
    title: 'Containers should not run unconfined by seccomp, AppArmor or SELinux',
    description: 'A seccomp or AppArmor profile of type Unconfined, or the SELinux type spc_t, turns the kernel confinement of the container off, at any Pod Security level.',
    category: 'runtime',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0002', 'KSV-0025', 'KSV-0104'] },
    compliance: { cis: ['5.7.2'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    messages: {
      seccomp: '{owner} runs without seccomp: every system call reaches the kernel, ptrace, mount, unshare, bpf and kexec_load included',
      appArmor: '{owner} runs without AppArmor: the runtime profile that denies mounts and writes to /proc and /sys is off',
      seLinux: '{owner} runs as the SELinux type spc_t, which SELinux does not confine: host files and processes it can reach are open to it',
    },
    hint: 'Use `RuntimeDefault` (or a `Localhost` profile made for the app) and the default SELinux type, unless the container is a trusted node agent that needs the host.',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const o of securityContextOwners(w)) {
      for (const f of fields) {
        const node = o.get(f.path) as Node | undefined;
        if (!node || unknowable(node) || known(node) !== f.value || !pssSilent(ctx, f.kind)) continue;
        ctx.report({ node, messageId: f.kind, data: { owner: o.label } });
      }
    }
    // The legacy AppArmor annotation still applies before 1.30 and is copied to the field after.
    for (const [key, entry] of w.annotations()) {
      if (!key.startsWith('container.apparmor.security.beta.kubernetes.io/') || entry.value !== 'unconfined' || !entry.valueNode || !pssSilent(ctx, 'appArmor')) continue;
      ctx.report({ node: entry.valueNode, messageId: 'appArmor', data: { owner: `container "${key.split('/')[1]}"` } });
    }
  },
});
