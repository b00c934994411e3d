// A writable root file system lets an intruder drop tools and change binaries in the container.
// Setting readOnlyRootFilesystem breaks an app that writes outside its volumes (a cache, a pid
// file, /tmp), which nothing in the manifest can tell: both fixes are suggestions that say so, and
// Harden (safe fixes only) leaves the field alone.

import { allOf, appendOnContainer, appendOnPod, Container, defineRule, isSet, known, replaceWith, setOnContainer, unknowable } from '../../server/src/engine';
import type { Fix, Suggestion } from '../../server/src/engine';

/** The name of the scratch volume the second suggestion adds, free in the pod. */
function scratchName(c: Container): string {
  const taken = new Set((c.workload.get(['volumes']) as { items?: unknown[] } | undefined)?.items?.map((_, i) => String(c.workload.value(['volumes', i, 'name']))) ?? []);
  let name = 'tmp';
  for (let n = 2; taken.has(name); n++) name = `tmp-${n}`;
  return name;
}

/** True when something is already mounted at /tmp in the container. */
function mountsTmp(c: Container): boolean {
  const mounts = (c.get(['volumeMounts']) as { items?: unknown[] } | undefined)?.items ?? [];
  return mounts.some((_, i) => c.value(['volumeMounts', i, 'mountPath']) === '/tmp');
}

function suggestions(c: Container, set: Fix): Suggestion[] {
  const out: Suggestion[] = [{ title: `Set readOnlyRootFilesystem: true on "${c.name}" (assumes it writes only to its volumes)`, fix: set }];
  if (mountsTmp(c)) return out;
  const name = scratchName(c);
  const scratch = allOf(set, appendOnContainer(c, ['volumeMounts'], [{ name, mountPath: '/tmp' }]), appendOnPod(c.workload, ['volumes'], [{ name, emptyDir: {} }]));
  out.push({ title: `Set readOnlyRootFilesystem: true on "${c.name}" and mount an emptyDir at /tmp (assumes it writes only to /tmp and its volumes)`, fix: scratch });
  return out;
}

export default defineRule({
  id: 'read-only-root-filesystem',
  meta: {
    title: 'Containers should run with a read-only root file system',
    description: 'Every container should set securityContext.readOnlyRootFilesystem to true and write only to volumes.',
    category: 'runtime',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0014'], checkov: ['CKV_K8S_22'], kubeLinter: ['no-read-only-root-fs'], polaris: ['notReadOnlyRootFilesystem'], kubescape: ['C-0017'] },
    compliance: { cis: ['5.7.3'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'suggestion',
    messages: {
      writable: 'container "{container}" has a writable root file system',
      unset: 'container "{container}" does not set readOnlyRootFilesystem: true',
    },
    hint: 'Set `readOnlyRootFilesystem: true` and mount an `emptyDir` wherever the app must write (often `/tmp`).',
  },
  check(ctx) {
    const w = ctx.workload;
    // Windows containers cannot have a read-only root file system.
    if (!w || w.isWindows) return;
    for (const c of w.containers(['containers', 'initContainers'])) {
      const node = c.get(['securityContext', 'readOnlyRootFilesystem']);
      if (known(node) === true || unknowable(node)) continue;
      if (isSet(node)) ctx.report({ node, messageId: 'writable', data: { container: c.name }, suggestions: suggestions(c, replaceWith(node, true)) });
      else if (!ctx.partial)
        ctx.report({
          node: c.settingsAnchor,
          commentAnchor: c.anchor,
          messageId: 'unset',
          data: { container: c.name },
          suggestions: suggestions(c, setOnContainer(c, ['readOnlyRootFilesystem'], true)),
        });
    }
  },
});
