// Runtime: a Localhost seccomp profile that no file of the workspace holds. The kubelet refuses to
// start the pod when `<seccomp root>/<localhostProfile>` is missing on its node, and nothing in the
// manifest says who puts it there. Profiles are often installed on the nodes by other means (node
// configuration, the Security Profiles Operator), so the rule speaks only in a workspace that keeps
// its profiles itself: one that holds at least one profile file.

import { defineRule } from '../../server/src/engine';
import { localhostProfiles, matchProfile, profileFiles, profilePath } from './profile-files';

export default defineRule({
  id: 'seccomp-localhost-profile-missing',
  meta: {
    title: 'Localhost seccomp profiles are files of the workspace',
    description: 'In a workspace that keeps seccomp profile files, a Localhost profile that none of them is must be installed on every node by other means.',
    category: 'runtime',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: 'workload',
    scope: 'workspace',
    reads: [profileFiles],
    fix: 'none',
    messages: {
      missing: '{owner} uses the Localhost seccomp profile "{path}", which no profile file of the workspace is: the kubelet must find it at /var/lib/kubelet/seccomp/{path} on every node',
    },
    hint: 'Add the profile to the workspace beside the others (its path must end with the localhostProfile), or install it on every node, for example with the Security Profiles Operator.',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    // The kubelet reads the file only with `type: Localhost`; most workloads set none.
    const refs = localhostProfiles(w).filter((ref) => ref.localhost);
    if (refs.length === 0) return;
    const files = ctx.workspace.facts(profileFiles);
    if (files.length === 0) return;
    for (const ref of refs) {
      const parts = profilePath(ref.value);
      // An absolute or empty path, or one that leaves the root, is seccomp-localhost-profile's error.
      if (!parts || ref.value.startsWith('/')) continue;
      // The Security Profiles Operator writes `operator/<namespace>/<name>.json` from its own resources.
      if (parts[0] === 'operator') continue;
      if (matchProfile(ref.value, ctx.workspace.file, files)) continue;
      ctx.report({ node: ref.node, messageId: 'missing', data: { owner: ref.owner, path: parts.join('/') } });
    }
  },
});
