// The network family's facts, extracted from every manifest of the workspace into the workspace
// model: workloads (kind, name, namespace, pod-template labels), and NetworkPolicies and Cilium
// policies (selector, the directions they isolate, whether they deny all ingress). Plain data only.

import {
  asMap,
  defineFacts,
  Document,
  ExtractContext,
  Fact,
  isTemplated,
  isTemplatedText,
  Labels,
  NamespaceKey,
  Node,
  nodeAt,
  parseSelector,
  plain,
  Resource,
  Selector,
  stringEntries,
  Tri,
  workloadOf,
} from '../../server/src/engine';

/** A namespace as the network rules see it: null is "unspecified" (one namespace shared by every such resource). */
export interface NamespaceRef {
  namespace: string | null;
  /** True when `metadata.namespace` is a template expression. */
  namespaceUnknown: boolean;
}

export interface WorkloadFact extends Fact, NamespaceRef {
  kind: string;
  name: string;
  labels: Labels;
}

export const policyKinds = ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'] as const;

export interface PolicyFact extends Fact, NamespaceRef {
  kind: string;
  name: string;
  /** Cilium's clusterwide policies select pods of every namespace. */
  clusterwide: boolean;
  selector: Selector;
  /** Whether the selected pods are isolated for ingress / egress; undefined when templated. */
  ingress: Tri;
  egress: Tri;
  /** Selects every pod, isolates ingress and allows nothing in: a default-deny ingress policy. */
  denyAllIngress: boolean;
  /** Path from the resource root to the selector (`spec.podSelector`, `specs[1].endpointSelector`…). */
  selectorPath: Array<string | number>;
}

type PolicyPart = Pick<PolicyFact, 'selector' | 'ingress' | 'egress' | 'denyAllIngress' | 'selectorPath'>;

function namespaceRef(resource: Resource): NamespaceRef {
  return { namespace: resource.namespace, namespaceUnknown: resource.namespace !== null && isTemplatedText(resource.namespace) };
}

/** The namespace key of a namespaced fact: any namespace when it is a template expression. */
function namespaceKey(ref: NamespaceRef): NamespaceKey {
  return ref.namespaceUnknown ? '*' : ref.namespace;
}

/** The labels of a pod template's (or a Pod's) metadata. */
export function labelsOf(doc: Document, metadata: Node | undefined): Labels {
  const node = nodeAt(doc, metadata, ['labels']);
  if (node === undefined || (node as { value?: unknown }).value === null) return { values: {}, unknown: false };
  const map = asMap(node);
  if (!map) return { values: {}, unknown: true };
  const values: Record<string, string | null> = {};
  let unknown = false;
  for (const entry of stringEntries(map, doc)) {
    if (isTemplatedText(entry.key)) {
      unknown = true;
      continue;
    }
    const valueNode = entry.valueNode;
    if (valueNode && (isTemplated(valueNode) || asMap(valueNode) !== undefined)) values[entry.key] = null;
    else values[entry.key] = entry.value === undefined ? '' : String(entry.value);
  }
  if (map.items.length > Object.keys(values).length && !unknown) {
    // A non-scalar key (a merge of something unreadable): the key set is not known.
    unknown = map.items.some((item) => !(item.key && typeof (item.key as { value?: unknown }).value === 'string'));
  }
  return { values, unknown };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function nonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** NetworkPolicy (networking.k8s.io): selector, directions with the API server's defaults, default deny. */
function networkPolicyFacts(resource: Resource): PolicyPart[] {
  const spec = plain(resource.doc, nodeAt(resource.doc, resource.root, ['spec']));
  const s = spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {};
  // `podSelector` is a required field, but the API type is a plain struct: a manifest without it is
  // stored with the empty selector, which selects every pod of the namespace. We read it the same way.
  const selector = parseSelector(s.podSelector);
  let ingress: Tri;
  let egress: Tri;
  const types = s.policyTypes;
  if (types === undefined || types === null || (Array.isArray(types) && types.length === 0)) {
    // The API server's defaulting: Ingress always, Egress when there are egress rules.
    ingress = true;
    egress = nonEmptyList(s.egress);
  } else if (isStringList(types) && !types.some(isTemplatedText)) {
    ingress = types.includes('Ingress');
    egress = types.includes('Egress');
  } else {
    ingress = undefined;
    egress = undefined;
  }
  const rules = s.ingress;
  const denyAllIngress = ingress === true && !selector.unknown && selector.requirements.length === 0 && (rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0));
  return [{ selector, ingress, egress, denyAllIngress, selectorPath: ['spec', 'podSelector'] }];
}

/** Cilium endpoint selectors may prefix keys with the label source. */
const ciliumSources = /^(?:k8s|any):/;

function isEmptyRule(rule: unknown): boolean {
  return rule !== null && typeof rule === 'object' && !Array.isArray(rule) && Object.keys(rule).length === 0;
}

/**
 * A Cilium rule isolates a direction when it has rules for it (`ingress`/`ingressDeny`,
 * `egress`/`egressDeny`) and `enableDefaultDeny` does not switch that off. Rules with a
 * `nodeSelector` apply to hosts, not pods, and are ignored.
 */
function ciliumFacts(resource: Resource): PolicyPart[] {
  const root = plain(resource.doc, resource.root) as Record<string, unknown> | undefined;
  const specs: Array<[unknown, Array<string | number>]> = [];
  if (root?.spec && typeof root.spec === 'object') specs.push([root.spec, ['spec']]);
  if (Array.isArray(root?.specs)) root!.specs.forEach((s, i) => specs.push([s, ['specs', i]]));
  const out: PolicyPart[] = [];
  for (const [raw, path] of specs) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const s = raw as Record<string, unknown>;
    if (s.endpointSelector === undefined) continue;
    const selector = parseSelector(s.endpointSelector, { keyPrefixes: ciliumSources });
    const defaults = (s.enableDefaultDeny && typeof s.enableDefaultDeny === 'object' ? s.enableDefaultDeny : {}) as Record<string, unknown>;
    const has = (key: string) => s[key] !== undefined && s[key] !== null;
    const ingress = (has('ingress') || has('ingressDeny')) && defaults.ingress !== false;
    const egress = (has('egress') || has('egressDeny')) && defaults.egress !== false;
    const rules = s.ingress;
    const denyAllIngress = ingress && !selector.unknown && selector.requirements.length === 0 && !has('ingressDeny') && Array.isArray(rules) && rules.every(isEmptyRule);
    out.push({ selector, ingress, egress, denyAllIngress, selectorPath: [...path, 'endpointSelector'] });
  }
  return out;
}

function policyParts(resource: Resource): PolicyPart[] {
  if (resource.kind === 'NetworkPolicy' && /^networking\.k8s\.io\//.test(resource.apiVersion)) return networkPolicyFacts(resource);
  if ((resource.kind === 'CiliumNetworkPolicy' || resource.kind === 'CiliumClusterwideNetworkPolicy') && /^cilium\.io\//.test(resource.apiVersion)) return ciliumFacts(resource);
  return [];
}

/** The policies a resource declares (a Cilium resource may hold several rules). */
export function policyFacts(resource: Resource, ctx: Pick<ExtractContext, 'at'>): PolicyFact[] {
  const clusterwide = resource.kind === 'CiliumClusterwideNetworkPolicy';
  const base = { at: ctx.at(), ...(clusterwide ? { namespace: null, namespaceUnknown: false } : namespaceRef(resource)), kind: resource.kind, name: resource.name, clusterwide };
  return policyParts(resource).map((p) => ({ ...base, ...p }));
}

export function workloadFact(resource: Resource, ctx: Pick<ExtractContext, 'at'>): WorkloadFact | undefined {
  const workload = workloadOf(resource);
  if (!workload) return undefined;
  return { at: ctx.at(), ...namespaceRef(resource), kind: resource.kind, name: resource.name, labels: labelsOf(resource.doc, workload.meta) };
}

/** Workloads and the labels of their pods. */
export const workloads = defineFacts<WorkloadFact>({
  id: 'network.workload',
  kinds: 'workload',
  extract: (resource, ctx) => {
    const fact = workloadFact(resource, ctx);
    return fact ? [fact] : [];
  },
  namespaceOf: namespaceKey,
});

/** NetworkPolicies and Cilium policies. Clusterwide ones are about every namespace. */
export const policies = defineFacts<PolicyFact>({
  id: 'network.policy',
  kinds: policyKinds,
  extract: policyFacts,
  namespaceOf: (policy) => (policy.clusterwide ? '*' : namespaceKey(policy)),
});

/** True when a workload's labels or namespace hold a template expression (or cannot be read). */
export function hasUnknown(workload: WorkloadFact): boolean {
  return workload.namespaceUnknown || workload.labels.unknown || Object.values(workload.labels.values).some((v) => v === null);
}
