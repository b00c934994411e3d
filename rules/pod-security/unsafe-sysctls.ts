// Baseline: only namespaced sysctls known to be isolated between pods may be set; the allow-list
// grows with the Kubernetes version. Values are never checked, only names, as upstream does.

import { asSeq, defineRule } from '../../server/src/engine';
import { removeItems } from '../../server/src/engine';
import { known, unknowable } from '../../server/src/engine';

const safeSysctls: ReadonlyArray<[string, readonly string[]]> = [
  ['1.0', ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  ['1.27', ['net.ipv4.ip_local_reserved_ports']],
  ['1.29', ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  ['1.32', ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  ['1.37', ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

export default defineRule({
  id: 'unsafe-sysctls',
  meta: {
    title: 'Pods must set only safe sysctls',
    description: 'securityContext.sysctls may name only the safe, namespaced sysctls of the target Kubernetes version.',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0026'], kubeLinter: ['unsafe-sysctls'] },
    compliance: { cis: ['5.7.3'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'suggestion',
    pss: { check: 'sysctls', level: 'baseline', versions: ['1.0', '1.27', '1.29', '1.32', '1.37'] },
    messages: { unsafe: 'pod sets sysctl "{sysctl}", which is not safe at Kubernetes {version}' },
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    const allowed = new Set(safeSysctls.filter(([since]) => ctx.atLeast(since)).flatMap(([, names]) => names));
    const path = ['securityContext', 'sysctls'];
    asSeq(w.get(path))?.items.forEach((_, i) => {
      const node = w.get([...path, i, 'name']);
      if (unknowable(node)) return;
      const name = known(node);
      if (typeof name === 'string' && allowed.has(name)) return;
      ctx.report({
        node: node ?? w.get([...path, i])!,
        messageId: 'unsafe',
        data: { sysctl: String(name ?? ''), version: `1.${ctx.minor}` },
        suggestions: [{ title: `Remove sysctl ${String(name ?? '')} (check the app does not need it)`, fix: removeItems(w, w.spec, path, [i]) }],
      });
    });
  },
});
