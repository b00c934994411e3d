// The cheap, plain-data facts about one file that the network rules need from every other file of
// the workspace: workloads (kind, name, namespace, pod-template labels), NetworkPolicies and Cilium
// policies (selector, the directions they isolate, whether they deny all ingress), Namespaces, and the
// Pod Security labels of Namespaces. No syntax trees are kept: the workspace index holds only these.

import { Document, Node } from 'yaml';
import { namespacePolicies, NamespacePolicy } from '../namespaces';
import { Resource } from '../resources';
import { LineIndex } from '../text';
import { workloadOf } from '../workload';
import { asMap, isTemplated, nodeAt, plain, span, stringEntries } from '../yaml-ast';
import { isTemplatedText, Labels, parseSelector, Selector, Tri } from './selectors';

/** Where a resource's name is, so hover can point at it. `line` is 0-based. */
export interface SourceRef {
  /** The file's key (an absolute path for files on disk, the URI otherwise). */
  file: string;
  offset: number;
  length: number;
  line: number;
}

/** A namespace as the network rules see it: null is "unspecified" (one namespace shared by every such resource). */
export interface NamespaceRef {
  namespace: string | null;
  /** True when `metadata.namespace` is a template expression. */
  namespaceUnknown: boolean;
}

export interface WorkloadFact extends SourceRef, NamespaceRef {
  kind: string;
  name: string;
  labels: Labels;
}

export const policyKinds = ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'] as const;

export interface PolicyFact extends SourceRef, NamespaceRef {
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

export interface NamespaceFact extends SourceRef {
  name: string;
}

/** A Secret manifest: its name and the names of its keys — never its values. */
export interface SecretFact extends SourceRef {
  name: string;
  namespace: string | null;
  keys: string[];
}

export interface FileFacts {
  file: string;
  workloads: WorkloadFact[];
  policies: PolicyFact[];
  namespaces: NamespaceFact[];
  /** Pod Security labels of the file's Namespaces (the Namespace index reads these). */
  pss: NamespacePolicy[];
  /** Secrets, for "Move to a Secret" to reference one that already holds a key. */
  secrets: SecretFact[];
}

export function emptyFacts(file: string): FileFacts {
  return { file, workloads: [], policies: [], namespaces: [], pss: [], secrets: [] };
}

function sourceRef(file: string, resource: Resource, lines: LineIndex): SourceRef {
  const [start, end] = span(resource.anchor);
  return { file, offset: start, length: end - start, line: lines.position(start).line };
}

function namespaceRef(resource: Resource): NamespaceRef {
  return { namespace: resource.namespace, namespaceUnknown: resource.namespace !== null && isTemplatedText(resource.namespace) };
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

export function workloadFact(file: string, resource: Resource, lines: LineIndex): WorkloadFact | undefined {
  const workload = workloadOf(resource);
  if (!workload) return undefined;
  return { ...sourceRef(file, resource, lines), ...namespaceRef(resource), kind: resource.kind, name: resource.name, labels: labelsOf(resource.doc, workload.meta) };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function nonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** NetworkPolicy (networking.k8s.io): selector, directions with the API server's defaults, default deny. */
function networkPolicyFacts(resource: Resource): Array<Pick<PolicyFact, 'selector' | 'ingress' | 'egress' | 'denyAllIngress' | 'selectorPath'>> {
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
function ciliumFacts(resource: Resource): Array<Pick<PolicyFact, 'selector' | 'ingress' | 'egress' | 'denyAllIngress' | 'selectorPath'>> {
  const root = plain(resource.doc, resource.root) as Record<string, unknown> | undefined;
  const specs: Array<[unknown, Array<string | number>]> = [];
  if (root?.spec && typeof root.spec === 'object') specs.push([root.spec, ['spec']]);
  if (Array.isArray(root?.specs)) root!.specs.forEach((s, i) => specs.push([s, ['specs', i]]));
  const out: Array<Pick<PolicyFact, 'selector' | 'ingress' | 'egress' | 'denyAllIngress' | 'selectorPath'>> = [];
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

export function policyFacts(file: string, resource: Resource, lines: LineIndex): PolicyFact[] {
  let parts: Array<Pick<PolicyFact, 'selector' | 'ingress' | 'egress' | 'denyAllIngress' | 'selectorPath'>>;
  if (resource.kind === 'NetworkPolicy' && /^networking\.k8s\.io\//.test(resource.apiVersion)) parts = networkPolicyFacts(resource);
  else if ((resource.kind === 'CiliumNetworkPolicy' || resource.kind === 'CiliumClusterwideNetworkPolicy') && /^cilium\.io\//.test(resource.apiVersion)) parts = ciliumFacts(resource);
  else return [];
  const clusterwide = resource.kind === 'CiliumClusterwideNetworkPolicy';
  const base = { ...sourceRef(file, resource, lines), ...(clusterwide ? { namespace: null, namespaceUnknown: false } : namespaceRef(resource)), kind: resource.kind, name: resource.name, clusterwide };
  return parts.map((p) => ({ ...base, ...p }));
}

/** Every fact of a file's resources. */
export function factsOf(file: string, resources: readonly Resource[], lines: LineIndex): FileFacts {
  const facts = emptyFacts(file);
  for (const resource of resources) {
    const workload = workloadFact(file, resource, lines);
    if (workload) {
      facts.workloads.push(workload);
      continue;
    }
    if (resource.kind === 'Namespace' && resource.apiVersion === 'v1' && resource.name) {
      facts.namespaces.push({ ...sourceRef(file, resource, lines), name: resource.name });
      continue;
    }
    if (resource.kind === 'Secret' && resource.apiVersion === 'v1' && resource.name) {
      const keys = ['data', 'stringData'].flatMap((field) => stringEntries(asMap(nodeAt(resource.doc, resource.root, [field])), resource.doc).map((e) => e.key));
      facts.secrets.push({ ...sourceRef(file, resource, lines), name: resource.name, namespace: resource.namespace, keys: [...new Set(keys)] });
      continue;
    }
    facts.policies.push(...policyFacts(file, resource, lines));
  }
  facts.pss = [...namespacePolicies(resources).values()];
  return facts;
}

const positional = new Set(['file', 'offset', 'length', 'line']);

/** The facts without positions: equal signatures mean no rule can answer differently. */
export function factsSignature(facts: FileFacts): string {
  return JSON.stringify(facts, (key, value) => (positional.has(key) ? undefined : value));
}

/** True when a workload's labels or namespace hold a template expression (or cannot be read). */
export function hasUnknown(workload: WorkloadFact): boolean {
  return workload.namespaceUnknown || workload.labels.unknown || Object.values(workload.labels.values).some((v) => v === null);
}
