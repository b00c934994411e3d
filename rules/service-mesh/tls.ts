// Reading Istio TLS settings: every `tls` block of a DestinationRule (the traffic policy, its
// port-level settings, and the same in each subset), and what a host name says about where it is.

import { asMap, asSeq, deref, isTemplated, nodeAt, scalarValue } from '../../server/src/engine';
import type { Node, Resource, YAMLMap } from '../../server/src/engine';

/** The `tls` maps of a DestinationRule's traffic policies. */
export function destinationTls(resource: Resource): YAMLMap[] {
  const { doc, root } = resource;
  const policies: Array<Node | undefined> = [nodeAt(doc, root, ['spec', 'trafficPolicy'])];
  for (const subset of asSeq(nodeAt(doc, root, ['spec', 'subsets']))?.items ?? []) policies.push(nodeAt(doc, subset, ['trafficPolicy']));
  const out: YAMLMap[] = [];
  for (const policy of policies) {
    const own = asMap(nodeAt(doc, policy, ['tls']));
    if (own) out.push(own);
    for (const port of asSeq(nodeAt(doc, policy, ['portLevelSettings']))?.items ?? []) {
      const tls = asMap(nodeAt(doc, deref(doc, port), ['tls']));
      if (tls) out.push(tls);
    }
  }
  return out;
}

/** A plain string value of a map, undefined when absent, templated or not a string. */
export function stringAt(resource: Resource, map: YAMLMap | undefined, key: string): string | undefined {
  const node = nodeAt(resource.doc, map, [key]);
  const value = scalarValue(node);
  return typeof value === 'string' && !isTemplated(node) ? value : undefined;
}

export type HostPlace = 'mesh' | 'external' | 'unknown';

/** Top-level domains that no one names a namespace after: `name.com` is a host on the internet, `name.prod` may be `service.namespace`. */
const internetDomains = /\.(com|org|net|io|dev|app|cloud|co|ai|gov|edu|info|biz|me|us|uk|de|fr|eu)$/;

/**
 * Where a host is: a short name, `*.svc`, `*.svc.cluster.local` or `*.local` name a service of the
 * cluster; a name of three labels or more, or of two in an internet domain, is external; the rest
 * (`reviews.prod` may be a service of namespace `prod`), wildcards alone and templates are unknown.
 */
export function placeOf(host: string): HostPlace {
  if (host === '*' || /\{\{|\$\{/.test(host)) return 'unknown';
  const name = host.replace(/^\*\./, '');
  if (!name.includes('.') || /\.svc(\.cluster\.local)?$/.test(name) || /\.local$/.test(name)) return 'mesh';
  return name.split('.').length >= 3 || internetDomains.test(name) ? 'external' : 'unknown';
}
