// A tag can be pushed again; only a digest names one image for good. Off by default: the digest of
// a tag cannot be looked up offline, so the rule has no fix, and most teams pin by tag.

import { defineRule } from '../../server/src/engine';
import { imageOf, parseImage } from './reference';

export default defineRule({
  id: 'image-digest',
  meta: {
    title: 'Images should be pinned by digest',
    description: 'Every container image should name a digest (`@sha256:…`). Off by default.',
    category: 'images',
    severity: 'info',
    enabledByDefault: false,
    equivalents: { checkov: ['CKV_K8S_43'] },
    compliance: 'none',
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    messages: { noDigest: 'container "{container}" uses image "{image}" without a digest' },
    hint: 'Append the digest of the image you tested: `nginx:1.27.3@sha256:…` (`crane digest` or `docker buildx imagetools inspect` print it).',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const c of w.containers()) {
      const found = imageOf(c);
      if (found && parseImage(found.image).digest === undefined) ctx.report({ node: found.node, messageId: 'noDigest', data: { container: c.name, image: found.image } });
    }
  },
});
