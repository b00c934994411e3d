// An image without a tag, or with `latest`, is whatever was pushed last: two nodes can run two
// versions of one Deployment and a rollback goes nowhere. With such an image, an imagePullPolicy
// other than Always lets each node keep the version it happened to pull first.

import { defineRule, known, unknowable } from '../../server/src/engine';
import { imageOf, parseImage } from './reference';

export default defineRule({
  id: 'image-tag',
  meta: {
    title: 'Images should be pinned to a version tag',
    description: 'Every container image should name a tag other than latest (or a digest), and an image that does not should be pulled with imagePullPolicy: Always.',
    category: 'images',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0013'], checkov: ['CKV_K8S_14'], kubeLinter: ['latest-tag'], polaris: ['tagNotSpecified'], kubescape: ['C-0075'] },
    compliance: 'none',
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    messages: {
      noTag: 'container "{container}" uses image "{image}" without a tag',
      latest: 'container "{container}" uses image "{image}" with the latest tag',
      pullPolicy: 'container "{container}" pulls an unpinned image with imagePullPolicy {policy}: each node keeps the version it pulled first',
    },
    hint: 'Name a version tag (`nginx:1.27.3`) or a digest (`nginx@sha256:…`).',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const c of w.containers()) {
      const found = imageOf(c);
      if (!found) continue;
      const ref = parseImage(found.image);
      if (ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
      ctx.report({ node: found.node, messageId: ref.tag === undefined ? 'noTag' : 'latest', data: { container: c.name, image: found.image } });
      const policyNode = c.get(['imagePullPolicy']);
      const policy = known(policyNode);
      if (policyNode && !unknowable(policyNode) && (policy === 'IfNotPresent' || policy === 'Never')) ctx.report({ node: policyNode, messageId: 'pullPolicy', data: { container: c.name, policy } });
    }
  },
});
