// The mTLS mode Istio applies to a workload's inbound traffic, from the PeerAuthentications of the
// workspace, with Istio's precedence: a workload-level policy (a selector matching its pods) over
// the namespace-level one over the mesh-wide one (root namespace, no selector; a selector there
// matches workloads of every namespace); `UNSET` inherits,
// and with nothing set Istio accepts both (PERMISSIVE). Port-level modes come only from the
// workload-level policy. Unknown (templated, or several policies of one level disagreeing, where
// Istio takes the oldest) is undefined and never becomes a finding.

import { matches, WorkspaceView } from '../../server/src/engine';
import type { WorkloadFact } from '../network/facts';
import { MtlsMode, PeerAuthFact, peerAuthentications, rootNamespace } from './facts';

export type Level = 'workload' | 'namespace' | 'mesh' | 'default';

export interface EffectiveMtls {
  mode: Exclude<MtlsMode, 'UNSET'>;
  /** The policy the mode comes from; undefined for Istio's default. */
  source: PeerAuthFact | undefined;
  level: Level;
  /** Ports whose mode differs from `mode`, from the workload-level policy. */
  ports: Array<{ port: string; mode: Exclude<MtlsMode, 'UNSET'> }>;
  /** The workload-level policy that selects the workload, even when its mode is UNSET. */
  workloadPolicy?: PeerAuthFact;
}

const strength: Record<Exclude<MtlsMode, 'UNSET'>, number> = { DISABLE: 0, PERMISSIVE: 1, STRICT: 2 };

/** True when `a` accepts plaintext that `b` refuses. */
export function weaker(a: Exclude<MtlsMode, 'UNSET'>, b: Exclude<MtlsMode, 'UNSET'>): boolean {
  return strength[a] < strength[b];
}

/** The one policy of a level, or null when several disagree (Istio would take the oldest: unknown here). */
function single(list: readonly PeerAuthFact[]): PeerAuthFact | undefined | null {
  if (list.length === 0) return undefined;
  const first = list[0];
  const same = list.every((p) => p.mode === first.mode && JSON.stringify(p.ports) === JSON.stringify(first.ports));
  return same ? first : null;
}

/** True when the workspace has any PeerAuthentication: only then is the mesh's mTLS configured here. */
/** How a level reads in messages and hovers. */
export const levelNames: Record<Level, string> = { workload: 'workload-level', namespace: 'namespace-level', mesh: 'mesh-wide', default: 'default' };

export function hasPeerAuthentication(view: WorkspaceView): boolean {
  return view.facts(peerAuthentications).length > 0;
}

/** The level policies of a namespace resolve to, for the workloads of `namespace`. */
function levels(view: WorkspaceView, namespace: string | null): { namespaceLevel: PeerAuthFact[]; mesh: PeerAuthFact[]; scoped: PeerAuthFact[]; unknown: boolean } {
  const out = { namespaceLevel: [] as PeerAuthFact[], mesh: [] as PeerAuthFact[], scoped: [] as PeerAuthFact[], unknown: false };
  for (const policy of view.facts(peerAuthentications, namespace)) {
    if (policy.namespaceUnknown || policy.mode === null || policy.selector?.unknown) {
      out.unknown = true;
      continue;
    }
    if (policy.namespace === rootNamespace && policy.selector === null) out.mesh.push(policy);
    // A selector in the root namespace matches workloads of every namespace.
    else if (policy.namespace !== namespace && policy.namespace !== rootNamespace) continue;
    else if (policy.selector === null) out.namespaceLevel.push(policy);
    else out.scoped.push(policy);
  }
  return out;
}

/** The effective mode of a namespace's workloads that no workload-level policy selects. */
export function namespaceMtls(view: WorkspaceView, namespace: string | null): EffectiveMtls | undefined {
  const found = levels(view, namespace);
  if (found.unknown) return undefined;
  return resolve([
    ['namespace', namespace === rootNamespace ? [] : found.namespaceLevel],
    ['mesh', found.mesh],
  ]);
}

export function workloadMtls(view: WorkspaceView, workload: WorkloadFact): EffectiveMtls | undefined {
  if (workload.namespaceUnknown) return undefined;
  const found = levels(view, workload.namespace);
  if (found.unknown) return undefined;
  const selecting: PeerAuthFact[] = [];
  for (const policy of found.scoped) {
    const selected = matches(policy.selector!, workload.labels);
    if (selected === undefined) return undefined;
    if (selected) selecting.push(policy);
  }
  return resolve([
    ['workload', selecting],
    ['namespace', workload.namespace === rootNamespace ? [] : found.namespaceLevel],
    ['mesh', found.mesh],
  ]);
}

function resolve(chain: Array<[Level, PeerAuthFact[]]>): EffectiveMtls | undefined {
  let result: EffectiveMtls | undefined;
  let portsFrom: PeerAuthFact | undefined;
  for (const [level, list] of chain) {
    const policy = single(list);
    if (policy === null) return undefined;
    if (level === 'workload') portsFrom = policy;
    if (!result && policy && policy.mode !== 'UNSET' && policy.mode !== null) result = { mode: policy.mode, source: policy, level, ports: [] };
  }
  result ??= { mode: 'PERMISSIVE', source: undefined, level: 'default', ports: [] };
  if (portsFrom) result.workloadPolicy = portsFrom;
  for (const [port, mode] of Object.entries(portsFrom?.ports ?? {})) {
    if (mode === null) return undefined;
    if (mode !== 'UNSET' && mode !== result.mode) result.ports.push({ port, mode });
  }
  return result;
}
