// Indexes of the workspace's Services and callers, built once per change of their facts rather than
// once per workload checked: finding who calls each of a file's workloads was otherwise quadratic in
// the workspace's workloads (2,700 Deployments in one file took a second more to open). A fact list
// the model hands out unchanged is the same array, so an index is kept per array; a view that builds
// its lists afresh (an overlay's) rebuilds the index each time, which costs what the plain scan did.

import { WorkspaceView } from '../../server/src/engine';
import { callers as callerFacts, CallerFact, configMaps, ServiceFact } from './call-facts';
import { WorkloadFact } from './facts';
import { concreteLabels } from './generate';
import { HostRef } from './host-refs';

/** One host reference of a caller, with what the caller search needs of it worked out once. */
export interface IndexedRef {
  caller: CallerFact;
  labels: Record<string, string>;
  ref: HostRef;
  /** Position in the scan the search replaces (callers in order, then each caller's references). */
  order: number;
}

interface RefIndex {
  configMaps: readonly unknown[];
  byHost: Map<string, IndexedRef[]>;
}

const refIndexes = new WeakMap<readonly CallerFact[], RefIndex>();

/** A caller's references: its own, and those of the ConfigMaps of its namespace that it reads. */
function referencesOf(view: WorkspaceView, caller: CallerFact): HostRef[] {
  if (caller.configMaps.length === 0) return caller.refs;
  const maps = view.facts(configMaps, caller.namespace).filter((m) => m.namespace === caller.namespace && caller.configMaps.includes(m.name));
  return [...caller.refs, ...maps.flatMap((m) => m.refs)];
}

/** The references of callers with concrete labels and a known namespace, by the host they name. */
export function referencesByHost(view: WorkspaceView): Map<string, IndexedRef[]> {
  const list = view.facts(callerFacts);
  const maps = view.facts(configMaps);
  const held = refIndexes.get(list);
  if (held && held.configMaps === maps) return held.byHost;
  const byHost = new Map<string, IndexedRef[]>();
  let order = 0;
  for (const caller of list) {
    const labels = concreteLabels(caller.labels);
    if (!labels || caller.namespaceUnknown) continue;
    for (const ref of referencesOf(view, caller)) {
      const entry = { caller, labels, ref, order: order++ };
      const same = byHost.get(ref.host);
      if (same) same.push(entry);
      else byHost.set(ref.host, [entry]);
    }
  }
  refIndexes.set(list, { configMaps: maps, byHost });
  return byHost;
}

/** The host names by which a caller may name a Service (namesService decides which apply). */
export function hostsOf(service: ServiceFact): string[] {
  if (service.namespace === null) return [service.name];
  const qualified = `${service.name}.${service.namespace}`;
  return [service.name, qualified, `${qualified}.svc`, `${qualified}.svc.cluster.local`];
}

interface SelectorIndex {
  /** Services by the first `key=value` of their selector. */
  byFirst: Map<string, number[]>;
  /** Services with an empty selector. */
  empty: number[];
}

const selectorIndexes = new WeakMap<readonly ServiceFact[], SelectorIndex>();
const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

function selectorIndex(list: readonly ServiceFact[]): SelectorIndex {
  let index = selectorIndexes.get(list);
  if (index) return index;
  index = { byFirst: new Map(), empty: [] };
  list.forEach((service, i) => {
    const first = service.selector && Object.entries(service.selector)[0];
    if (!service.selector) return;
    if (!first) return void index!.empty.push(i);
    const key = pairKey(first[0], first[1]);
    const same = index!.byFirst.get(key);
    if (same) same.push(i);
    else index!.byFirst.set(key, [i]);
  });
  selectorIndexes.set(list, index);
  return index;
}

/** The positions in `list` of the Services whose selector may match `target`'s pods (to be checked in full). */
export function candidateServices(list: readonly ServiceFact[], target: WorkloadFact): number[] {
  const index = selectorIndex(list);
  const out = [...index.empty];
  for (const [key, value] of Object.entries(target.labels.values)) if (value !== null) out.push(...(index.byFirst.get(pairKey(key, value)) ?? []));
  return out.sort((a, b) => a - b);
}
