// Reading an Istio Gateway's servers: port protocol, hosts and TLS settings, with their nodes.

import { asMap, asSeq, deref, nodeAt } from '../../server/src/engine';
import type { Resource, YAMLMap } from '../../server/src/engine';
import { stringsAt } from './authz';
import { stringAt } from './tls';

export interface Server {
  map: YAMLMap;
  protocol: string | undefined;
  tls: YAMLMap | undefined;
  hosts: ReturnType<typeof stringsAt>;
}

export function serversOf(resource: Resource): Server[] {
  const out: Server[] = [];
  for (const item of asSeq(nodeAt(resource.doc, resource.root, ['spec', 'servers']))?.items ?? []) {
    const map = asMap(deref(resource.doc, item));
    if (!map) continue;
    const protocol = stringAt(resource, asMap(nodeAt(resource.doc, map, ['port'])), 'protocol')?.toUpperCase();
    out.push({ map, protocol, tls: asMap(nodeAt(resource.doc, map, ['tls'])), hosts: stringsAt(resource, map, 'hosts') });
  }
  return out;
}

/** The host part of a Gateway host (`namespace/host` or `host`). */
export function hostName(host: string): string {
  const slash = host.indexOf('/');
  return slash < 0 ? host : host.slice(slash + 1);
}
