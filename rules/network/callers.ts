// Who calls a workload, inferred from the workspace model: the Services that select its pods, the
// workloads whose configuration names one of them (`currencyservice:7000`, `cart.shop.svc`), the
// Ingresses and Gateway API routes that send traffic to them, and outside clients of a NodePort or
// LoadBalancer Service. Each caller comes with the pod ports it uses and why it was found, so the
// suggested NetworkPolicy admits exactly them and says so. What is assumed is said in `why`.

import { WorkspaceView } from '../../server/src/engine';
import { candidateServices, hostsOf, IndexedRef, referencesByHost } from './caller-index';
import { RouteFact, routes, ServiceFact, ServicePort, services } from './call-facts';
import { WorkloadFact, workloads } from './facts';
import { concreteLabels, PortRef } from './generate';
import { namesService, portOf } from './host-refs';

/** Where the allowed traffic comes from, in NetworkPolicy peer terms. */
export interface Peer {
  /** Pods with these labels; every pod of `namespace` when absent. */
  pods?: Record<string, string>;
  /** The peer's namespace: the target's own when absent, any for `*` (no namespace name holds one). */
  namespace?: string;
  /** Anywhere, outside the cluster included (no `from`). */
  anywhere?: true;
}

/** A pod port of the target: a number, or a container port's name when it could not be resolved. */
export interface PolicyPort {
  port: number | string;
  protocol: string;
}

export interface Caller {
  /** Short name for titles: `frontend`, `ingress controller`, `outside clients`. */
  label: string;
  peer: Peer;
  ports: PolicyPort[];
  /** One sentence per reason it was found. */
  why: string[];
}

/** Ingress controllers recognised by the `app.kubernetes.io/name` of their pods. */
const ingressControllers = new Set(['ingress-nginx', 'traefik', 'haproxy-ingress', 'kubernetes-ingress', 'contour', 'kong', 'emissary-ingress']);

function targetPort(port: ServicePort, declared: readonly PortRef[]): PolicyPort {
  if (typeof port.targetPort === 'number') return { port: port.targetPort, protocol: port.protocol };
  const named = declared.find((d) => d.name === port.targetPort && d.protocol === port.protocol);
  return { port: named ? named.port : port.targetPort, protocol: port.protocol };
}

function sameNamespace(a: WorkloadFact | ServiceFact, b: WorkloadFact | ServiceFact): boolean {
  return !a.namespaceUnknown && !b.namespaceUnknown && a.namespace === b.namespace;
}

/** The Services whose selector matches the workload's pods (same namespace, every label equal). */
export function selectingServices(view: WorkspaceView, target: WorkloadFact): ServiceFact[] {
  const labels = target.labels.values;
  const list = view.facts(services, target.namespace);
  return candidateServices(list, target)
    .map((i) => list[i])
    .filter((s) => sameNamespace(s, target) && s.selector !== undefined && Object.entries(s.selector).every(([k, v]) => labels[k] === v));
}

class CallerSet {
  private readonly byPeer = new Map<string, Caller>();

  add(label: string, peer: Peer, ports: readonly PolicyPort[], why: string): void {
    const key = JSON.stringify(peer);
    let caller = this.byPeer.get(key);
    if (!caller) this.byPeer.set(key, (caller = { label, peer, ports: [], why: [] }));
    for (const p of ports) if (!caller.ports.some((q) => q.port === p.port && q.protocol === p.protocol)) caller.ports.push(p);
    if (!caller.why.includes(why)) caller.why.push(why);
  }

  list(): Caller[] {
    return [...this.byPeer.values()];
  }
}

/** The Service ports a reference (or a route backend) uses: the one it names, or all of them. */
function usedPorts(service: ServiceFact, wanted: number | string | undefined): ServicePort[] {
  if (wanted === undefined) return service.ports;
  return service.ports.filter((p) => (typeof wanted === 'number' ? p.port === wanted : p.name === wanted));
}

function portText(ports: readonly ServicePort[]): string {
  return ports.length === 1 ? `port ${ports[0].port}` : `ports ${ports.map((p) => p.port).join(', ')}`;
}

/** Callers naming one of the selected Services, each reference once per Service, in the order of a full scan. */
function addWorkloadCallers(view: WorkspaceView, target: WorkloadFact, selected: ServiceFact[], pod: (p: ServicePort) => PolicyPort, out: CallerSet): void {
  const byHost = referencesByHost(view);
  const matches: Array<{ entry: IndexedRef; s: number }> = [];
  // A reference names one host, and a Service's host names differ: each pair is found once.
  selected.forEach((service, s) => {
    for (const host of hostsOf(service)) for (const entry of byHost.get(host) ?? []) matches.push({ entry, s });
  });
  matches.sort((a, b) => a.entry.order - b.entry.order || a.s - b.s);
  for (const { entry, s } of matches) {
    const { caller, labels, ref } = entry;
    const service = selected[s];
    if (caller.kind === target.kind && caller.name === target.name && caller.namespace === target.namespace) continue;
    if (!namesService(ref.host, service.name, service.namespace, caller.namespace)) continue;
    const wanted = portOf(ref);
    let used = usedPorts(service, wanted);
    // A scheme's default port the Service does not have: the reference says nothing of the port.
    if (used.length === 0 && ref.port === undefined) used = service.ports;
    if (used.length === 0) continue;
    const namespace = caller.namespace === target.namespace ? undefined : caller.namespace === null ? '*' : caller.namespace;
    const why = `${caller.kind} ${caller.name}: ${ref.where} names Service ${service.name} (${portText(used)})`;
    out.add(caller.name, namespace === undefined ? { pods: labels } : { pods: labels, namespace }, used.map(pod), why);
  }
}

/** The ingress controller's pods when the workspace declares it; else its namespace, assumed from the class. */
function ingressPeer(view: WorkspaceView, route: RouteFact): { peer: Peer; said: string } {
  const controller = view.facts(workloads).find((w) => ingressControllers.has(w.labels.values['app.kubernetes.io/name'] ?? '') && concreteLabels(w.labels) && w.namespace !== null);
  if (controller) {
    const pods = concreteLabels(controller.labels)!;
    return { peer: { pods, namespace: controller.namespace! }, said: `ingress controller ${controller.kind} ${controller.name} in namespace ${controller.namespace}` };
  }
  const namespace = route.className === 'traefik' ? 'traefik' : 'ingress-nginx';
  return { peer: { namespace }, said: `assumed: the ingress controller runs in namespace ${namespace}` };
}

function addRouteCallers(view: WorkspaceView, selected: ServiceFact[], pod: (p: ServicePort) => PolicyPort, out: CallerSet): void {
  for (const route of view.facts(routes)) {
    for (const backend of route.backends) {
      const service = selected.find((s) => s.name === backend.service && s.namespace === backend.namespace);
      const used = service && usedPorts(service, backend.port);
      if (!service || !used || used.length === 0) continue;
      const via = `${route.kind} ${route.name} sends traffic to Service ${service.name} (${portText(used)})`;
      if (route.kind === 'Ingress') {
        const { peer, said } = ingressPeer(view, route);
        out.add('ingress controller', peer, used.map(pod), `${via}; ${said}`);
        continue;
      }
      for (const gateway of route.gateways) {
        const namespace = gateway.namespace ?? 'default';
        const pods = { 'gateway.networking.k8s.io/gateway-name': gateway.name };
        const said = `assumed: the pods of Gateway ${gateway.name} carry the label gateway.networking.k8s.io/gateway-name=${gateway.name} in namespace ${namespace}`;
        out.add(`Gateway ${gateway.name}`, { pods, namespace }, used.map(pod), `${via}; ${said}`);
      }
    }
  }
}

/** Every caller found for the workload, with the pod ports each one uses and why it was found. */
export function inferCallers(view: WorkspaceView, target: WorkloadFact, declared: readonly PortRef[]): Caller[] {
  const selected = selectingServices(view, target);
  if (selected.length === 0) return [];
  const pod = (p: ServicePort) => targetPort(p, declared);
  const out = new CallerSet();
  for (const service of selected) {
    if (service.type === 'LoadBalancer' || service.type === 'NodePort') {
      out.add('outside clients', { anywhere: true }, service.ports.map(pod), `Service ${service.name} of type ${service.type} takes traffic from outside the cluster (${portText(service.ports)})`);
    }
  }
  addWorkloadCallers(view, target, selected, pod, out);
  addRouteCallers(view, selected, pod, out);
  return out.list();
}
