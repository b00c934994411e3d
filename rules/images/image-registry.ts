// Images from anywhere are code from anyone. When the configuration names the registries a team
// trusts (`images.allowedRegistries`), every other one is reported; without it the rule is silent.

import { defineRule } from '../../server/src/engine';
import { imageOf, parseImage } from './reference';

/** True when `allowed` (a registry host, or a host with a path prefix such as `ghcr.io/acme`) covers the image. */
export function allows(allowed: string, registry: string, path: string): boolean {
  const entry = allowed
    .trim()
    .replace(/\/+$/, '')
    .replace(/^(index\.docker\.io|registry-1\.docker\.io)(?=\/|$)/, 'docker.io');
  const full = `${registry}/${path}`;
  return entry === registry || full.startsWith(`${entry}/`);
}

export default defineRule({
  id: 'image-registry',
  meta: {
    title: 'Images should come from an allowed registry',
    description: 'When images.allowedRegistries is set, every container image should come from one of those registries.',
    category: 'images',
    severity: 'warning',
    equivalents: { trivy: ['KSV-0032', 'KSV-0033', 'KSV-0034', 'KSV-0035'], kubescape: ['C-0078'] },
    compliance: 'none',
    kinds: 'workload',
    scope: 'document',
    fix: 'none',
    messages: { registry: 'container "{container}" uses image "{image}" from registry {registry}, which is not allowed' },
    hint: 'Mirror the image into an allowed registry, or add the registry to `images.allowedRegistries`.',
  },
  check(ctx) {
    const w = ctx.workload;
    const allowed = ctx.config.images?.allowedRegistries ?? [];
    if (!w || allowed.length === 0) return;
    for (const c of w.containers()) {
      const found = imageOf(c);
      if (!found) continue;
      const ref = parseImage(found.image);
      if (!allowed.some((a) => allows(a, ref.registry, ref.path))) ctx.report({ node: found.node, messageId: 'registry', data: { container: c.name, image: found.image, registry: ref.registry } });
    }
  },
});
