// The kubelet reads a Localhost seccomp profile from a path relative to its seccomp root
// (/var/lib/kubelet/seccomp): the API rejects an absolute path, a `..` step or an empty value, so
// the pod is never created. A path under the seccomp root has one exact relative form (a safe
// fix); any other absolute path is a guess at where the file will be copied (a suggestion).

import { defineRule, isSet, known, replaceWith, securityContextOwners, unknowable } from '../../server/src/engine';

const seccompRoot = '/var/lib/kubelet/seccomp/';

export default defineRule({
  id: 'seccomp-localhost-profile',
  meta: {
    title: 'Localhost seccomp profiles must be relative paths under the kubelet seccomp root',
    description: 'seccompProfile.localhostProfile must be a non-empty path relative to the kubelet seccomp root, without `..`.',
    category: 'runtime',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    messages: {
      absolute: '{owner} sets an absolute localhostProfile "{path}": it must be relative to the kubelet seccomp root',
      parent: '{owner} sets localhostProfile "{path}", which leaves the kubelet seccomp root with ".."',
      empty: '{owner} sets an empty localhostProfile',
    },
    hint: 'Write the path relative to the kubelet seccomp root, `/var/lib/kubelet/seccomp`: `profiles/audit.json` is `/var/lib/kubelet/seccomp/profiles/audit.json` on the node.',
  },
  fixTitles: { absolute: 'Make the localhostProfile of the {owner} relative to the seccomp root' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const o of securityContextOwners(w)) {
      const node = o.get(['securityContext', 'seccompProfile', 'localhostProfile']);
      if (!isSet(node) || unknowable(node)) continue;
      const path = String(known(node) ?? '');
      const data = { owner: o.label, path };
      if (path.trim() === '') ctx.report({ node, messageId: 'empty', data });
      else if (path.split('/').includes('..')) ctx.report({ node, messageId: 'parent', data });
      else if (path.startsWith('/')) {
        const under = path.startsWith(seccompRoot) && path.length > seccompRoot.length;
        const relative = under ? path.slice(seccompRoot.length) : path.replace(/^\/+/, '');
        const title = `Use "${relative}" (assumes the profile is copied to ${seccompRoot}${relative} on every node)`;
        ctx.report({ node, messageId: 'absolute', data, fix: under ? replaceWith(node, relative) : undefined, suggestions: under || !relative ? [] : [{ title, fix: replaceWith(node, relative) }] });
      }
    }
  },
});
