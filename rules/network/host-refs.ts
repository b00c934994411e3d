// Host names that a workload's configuration points at (`currencyservice:7000`,
// `http://cart.shop.svc.cluster.local`), read from env values, args, command and ConfigMap data, and
// whether one names a Service. Only the host, port and scheme are kept, never the rest of the text:
// a connection string may hold a password.
// https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services

/** One reference to a host: where it was found (`env CART_ADDR`, `args`, `ConfigMap shop-config key url`). */
export interface HostRef {
  host: string;
  port?: number;
  scheme?: string;
  where: string;
}

const label = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';
// An optional scheme, optional user info (skipped, never kept), a dotted host, an optional port.
const hostPattern = new RegExp(`(?<![\\w.@:/-])(?:([a-z][a-z0-9+.-]*)://)?(?:[^\\s@/]*@)?(${label}(?:\\.${label})*)\\.?(?::(\\d{1,5}))?(?![\\w-])`, 'gi');

/** At most this many references per source text, so a huge value cannot grow the workspace model. */
const maxPerText = 32;

/**
 * The host references of a text. A bare word counts only when it is the whole text, has a port or a
 * scheme, or names a cluster domain (`x.ns.svc`): `frontend` alone in a sentence is no reference.
 */
export function hostRefs(text: string, where: string): HostRef[] {
  if (text.length > 4096) return [];
  const out: HostRef[] = [];
  const whole = text.trim();
  for (const m of text.matchAll(hostPattern)) {
    if (out.length >= maxPerText) break;
    const [token, scheme, rawHost, rawPort] = m;
    const host = rawHost.toLowerCase();
    if (/^[\d.]+$/.test(host)) continue;
    const port = rawPort === undefined ? undefined : Number(rawPort);
    if (port !== undefined && (port < 1 || port > 65535)) continue;
    const clusterDomain = /\.svc(?:\.cluster\.local)?$/.test(host);
    if (scheme === undefined && port === undefined && !clusterDomain && token !== whole) continue;
    out.push({ host, where, ...(port !== undefined ? { port } : {}), ...(scheme !== undefined ? { scheme: scheme.toLowerCase() } : {}) });
  }
  return out;
}

/**
 * Whether a host names Service `service` of namespace `namespace`, as seen from a pod of
 * `callerNamespace`: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`. A bare name resolves
 * in the caller's own namespace only; a caller without a namespace is taken to share the Service's.
 */
export function namesService(host: string, service: string, namespace: string | null, callerNamespace: string | null): boolean {
  if (host === service) return callerNamespace === namespace || callerNamespace === null || namespace === null;
  if (namespace === null) return false;
  const qualified = `${service}.${namespace}`;
  return host === qualified || host === `${qualified}.svc` || host === `${qualified}.svc.cluster.local`;
}

const schemePorts: Record<string, number> = { http: 80, ws: 80, https: 443, wss: 443, grpc: 80, grpcs: 443 };

/** The port a reference connects to: its own, or its scheme's default; undefined when neither says. */
export function portOf(ref: HostRef): number | undefined {
  return ref.port ?? (ref.scheme ? schemePorts[ref.scheme] : undefined);
}
