// k8s.gcr.io was frozen in April 2023: it receives no new images or versions, and the project moved
// to registry.k8s.io, which serves the same images under the same paths and digests. Replacing the
// host changes only where the same image comes from: a safe fix.

import { defineRule } from '../../server/src/engine';
import type { Fix, Scalar } from '../../server/src/engine';
import { imageOf } from './reference';

const frozen = 'k8s.gcr.io/';
const current = 'registry.k8s.io/';

/** Replaces the host in the source text only, so the value keeps its quoting (or lack of it). */
function moveHost(node: Scalar): Fix {
  return (file) => {
    const at = file.text.indexOf(frozen, node.range![0]);
    return at < 0 || at >= node.range![1] ? [] : [{ offset: at, length: frozen.length - 1, text: current.slice(0, -1) }];
  };
}

export default defineRule({
  id: 'deprecated-registry',
  meta: {
    title: 'Images should not come from the frozen k8s.gcr.io registry',
    description: 'k8s.gcr.io no longer receives images; registry.k8s.io serves the same images.',
    category: 'images',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    messages: { frozen: 'container "{container}" pulls from k8s.gcr.io, which is frozen: use registry.k8s.io' },
    hint: 'Replace `k8s.gcr.io/` with `registry.k8s.io/`: the paths and digests are the same.',
  },
  fixTitles: { frozen: 'Use registry.k8s.io for "{container}"' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const c of w.containers()) {
      const found = imageOf(c);
      if (found?.image.startsWith(frozen)) ctx.report({ node: found.node, messageId: 'frozen', data: { container: c.name }, fix: moveHost(found.node) });
    }
  },
});
