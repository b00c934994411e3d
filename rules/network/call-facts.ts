// The facts that tell who calls a workload, for the "Add a NetworkPolicy" suggestion: Services (their
// selector and ports), Ingresses and Gateway API routes (the Services they send traffic to), the host
// names each workload's configuration points at, and those of ConfigMaps. Plain data only.

import { defineFacts, ExtractContext, Fact, isTemplatedText, nodeAt, plain, Resource, workloadOf } from '../../server/src/engine';
import { labelsOf, NamespaceRef, WorkloadFact } from './facts';
import { HostRef, hostRefs } from './host-refs';

export interface ServicePort {
  port: number;
  /** The pod port: a number, or the name of a container port. */
  targetPort: number | string;
  protocol: string;
  name?: string;
}

export interface ServiceFact extends Fact, NamespaceRef {
  name: string;
  /** The pod labels it selects; undefined when it has no selector (external endpoints) or one that cannot be read. */
  selector?: Record<string, string>;
  type: string;
  ports: ServicePort[];
}

export interface Backend {
  service: string;
  namespace: string | null;
  /** The Service port it uses (number or name); undefined: every port. */
  port?: number | string;
}

export interface RouteFact extends Fact, NamespaceRef {
  kind: string;
  name: string;
  /** `spec.ingressClassName` of an Ingress. */
  className?: string;
  /** The Gateways a Gateway API route attaches to. */
  gateways: Array<{ name: string; namespace: string | null }>;
  backends: Backend[];
}

export interface CallerFact extends WorkloadFact {
  refs: HostRef[];
  /** ConfigMaps the pods read (env, envFrom, volumes): their data may name hosts too. */
  configMaps: string[];
}

export interface ConfigMapFact extends Fact, NamespaceRef {
  name: string;
  refs: HostRef[];
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && !isTemplatedText(v) ? v : undefined);

function nsRef(resource: Resource): NamespaceRef {
  return { namespace: resource.namespace, namespaceUnknown: resource.namespace !== null && isTemplatedText(resource.namespace) };
}

const specOf = (resource: Resource) => record(plain(resource.doc, nodeAt(resource.doc, resource.root, ['spec'])));

function servicePorts(spec: Record<string, unknown>): ServicePort[] {
  const out: ServicePort[] = [];
  for (const raw of list(spec.ports)) {
    const p = record(raw);
    if (typeof p.port !== 'number') continue;
    const target = typeof p.targetPort === 'number' || (typeof p.targetPort === 'string' && !isTemplatedText(p.targetPort)) ? p.targetPort : p.port;
    const name = text(p.name);
    out.push({ port: p.port, targetPort: /^\d+$/.test(String(target)) ? Number(target) : target, protocol: text(p.protocol) ?? 'TCP', ...(name ? { name } : {}) });
  }
  return out;
}

function serviceFact(resource: Resource, ctx: ExtractContext): ServiceFact[] {
  if (resource.apiVersion !== 'v1') return [];
  const spec = specOf(resource);
  const raw = spec.selector;
  let selector: Record<string, string> | undefined;
  const entries = Object.entries(record(raw));
  if (entries.length > 0 && entries.every(([k, v]) => !isTemplatedText(k) && (typeof v === 'string' || typeof v === 'number') && !isTemplatedText(String(v)))) {
    selector = Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
  }
  return [{ at: ctx.at(), ...nsRef(resource), name: resource.name, ...(selector ? { selector } : {}), type: text(spec.type) ?? 'ClusterIP', ports: servicePorts(spec) }];
}

/** An Ingress backend: `service: {name, port: {number | name}}` (v1) or `serviceName`/`servicePort` (v1beta1). */
function ingressBackend(raw: unknown, namespace: string | null): Backend[] {
  const b = record(raw);
  const service = record(b.service);
  const name = text(service.name) ?? text(b.serviceName);
  if (!name) return [];
  const port = record(service.port);
  const value = typeof port.number === 'number' ? port.number : (text(port.name) ?? (typeof b.servicePort === 'number' ? b.servicePort : text(b.servicePort)));
  return [{ service: name, namespace, ...(value !== undefined ? { port: value } : {}) }];
}

function routeFact(resource: Resource, ctx: ExtractContext): RouteFact[] {
  const spec = specOf(resource);
  const base = { at: ctx.at(), ...nsRef(resource), kind: resource.kind, name: resource.name };
  if (resource.kind === 'Ingress') {
    const backends = ingressBackend(spec.defaultBackend ?? spec.backend, resource.namespace);
    for (const rule of list(spec.rules)) for (const path of list(record(record(rule).http).paths)) backends.push(...ingressBackend(record(path).backend, resource.namespace));
    const className = text(spec.ingressClassName) ?? text(record(record(plain(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']))).annotations)['kubernetes.io/ingress.class']);
    return [{ ...base, ...(className ? { className } : {}), gateways: [], backends }];
  }
  if (!/^gateway\.networking\.k8s\.io\//.test(resource.apiVersion)) return [];
  const gateways = list(spec.parentRefs).flatMap((raw) => {
    const p = record(raw);
    const name = text(p.name);
    return name && (p.kind === undefined || p.kind === 'Gateway') ? [{ name, namespace: text(p.namespace) ?? resource.namespace }] : [];
  });
  const backends: Backend[] = [];
  for (const rule of list(spec.rules)) {
    for (const raw of list(record(rule).backendRefs)) {
      const b = record(raw);
      const name = text(b.name);
      if (!name || (b.kind !== undefined && b.kind !== 'Service')) continue;
      backends.push({ service: name, namespace: text(b.namespace) ?? resource.namespace, ...(typeof b.port === 'number' ? { port: b.port } : {}) });
    }
  }
  return [{ ...base, gateways, backends }];
}

/** The host references of a pod's containers and the ConfigMaps it reads. */
function callerFact(resource: Resource, ctx: ExtractContext): CallerFact[] {
  const workload = workloadOf(resource);
  if (!workload) return [];
  const refs: HostRef[] = [];
  const configMaps = new Set<string>();
  for (const container of workload.containers()) {
    const c = record(plain(workload.doc, container.get([])));
    for (const raw of list(c.env)) {
      const e = record(raw);
      const name = text(e.name) ?? '?';
      if (typeof e.value === 'string') refs.push(...hostRefs(e.value, `env ${name}`));
      const fromMap = text(record(record(e.valueFrom).configMapKeyRef).name);
      if (fromMap) configMaps.add(fromMap);
    }
    for (const raw of list(c.envFrom)) {
      const fromMap = text(record(record(raw).configMapRef).name);
      if (fromMap) configMaps.add(fromMap);
    }
    for (const field of ['args', 'command'] as const) for (const arg of list(c[field])) if (typeof arg === 'string') refs.push(...hostRefs(arg, field));
  }
  for (const raw of list(plain(workload.doc, workload.get(['volumes'])))) {
    const v = record(raw);
    const direct = text(record(v.configMap).name);
    if (direct) configMaps.add(direct);
    for (const source of list(record(v.projected).sources)) {
      const projected = text(record(record(source).configMap).name);
      if (projected) configMaps.add(projected);
    }
  }
  return [{ at: ctx.at(), ...nsRef(resource), kind: resource.kind, name: resource.name, labels: labelsOf(resource.doc, workload.meta), refs, configMaps: [...configMaps] }];
}

function configMapFact(resource: Resource, ctx: ExtractContext): ConfigMapFact[] {
  const data = record(plain(resource.doc, nodeAt(resource.doc, resource.root, ['data'])));
  const refs = Object.entries(data).flatMap(([key, value]) => (typeof value === 'string' ? hostRefs(value, `ConfigMap ${resource.name} key ${key}`) : []));
  return [{ at: ctx.at(), ...nsRef(resource), name: resource.name, refs }];
}

const keyOf = (ref: NamespaceRef) => (ref.namespaceUnknown ? '*' : ref.namespace);

export const services = defineFacts<ServiceFact>({ id: 'network.service', kinds: ['Service'], extract: serviceFact, namespaceOf: keyOf });

/** Routes by the namespace of their backends' Services (any, when a backend names another). */
export const routes = defineFacts<RouteFact>({
  id: 'network.route',
  kinds: ['Ingress', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'],
  extract: routeFact,
  namespaceOf: (r) => (r.backends.some((b) => b.namespace !== r.namespace) ? '*' : keyOf(r)),
});

/** Callers may be in any namespace (a qualified name reaches across): they are queried all at once. */
export const callers = defineFacts<CallerFact>({ id: 'network.caller', kinds: 'workload', extract: callerFact, namespaceOf: keyOf });

export const configMaps = defineFacts<ConfigMapFact>({ id: 'network.configmap', kinds: ['ConfigMap'], extract: configMapFact, namespaceOf: keyOf });
