// The webhooks of a Validating- or MutatingWebhookConfiguration as the admission rules read them:
// each entry of `webhooks` with its nodes, and the API server's defaults where a field is left out
// (they differ between admissionregistration.k8s.io/v1 and v1beta1).

import { asMap, asSeq, deref, Document, isTemplated, known, Labels, matches, Node, nodeAt, parseSelector, plain, Resource, Tri, YAMLMap } from '../../server/src/engine';

export const webhookKinds = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const;

export interface Webhook {
  doc: Document;
  /** The entry of `webhooks`. */
  map: YAMLMap;
  /** Its `name`, or '' when unnamed or templated. */
  name: string;
  /** The node a finding about the webhook as a whole stands on: its name, else the entry. */
  anchor: Node;
  /** admissionregistration.k8s.io/v1 (else v1beta1). */
  v1: boolean;
  mutating: boolean;
  /** The configuration's `metadata.name`. */
  configuration: string;
}

export function isWebhookConfiguration(resource: Resource): boolean {
  return (webhookKinds as readonly string[]).includes(resource.kind) && /^admissionregistration\.k8s\.io\/v1(beta1)?$/.test(resource.apiVersion);
}

export function webhooksOf(resource: Resource): Webhook[] {
  if (!isWebhookConfiguration(resource)) return [];
  const { doc, root } = resource;
  const out: Webhook[] = [];
  for (const item of asSeq(nodeAt(doc, root, ['webhooks']))?.items ?? []) {
    const map = asMap(deref(doc, item));
    if (!map) continue;
    const nameNode = nodeAt(doc, map, ['name']);
    const name = known(nameNode);
    out.push({
      doc,
      map,
      name: typeof name === 'string' ? name : '',
      anchor: nameNode && typeof known(nameNode) === 'string' ? nameNode : (map as Node),
      v1: resource.apiVersion.endsWith('/v1'),
      mutating: resource.kind === 'MutatingWebhookConfiguration',
      configuration: resource.name,
    });
  }
  return out;
}

export function field(w: Webhook, path: ReadonlyArray<string | number>): Node | undefined {
  return nodeAt(w.doc, w.map, path);
}

/** The display name of a webhook in messages. */
export function nameOf(w: Webhook): string {
  return w.name || '(unnamed)';
}

export interface FailurePolicy {
  /** The policy in force: the value, or the version's default; undefined when templated or invalid. */
  value: 'Fail' | 'Ignore' | undefined;
  /** The value's node, absent when the default applies. */
  node?: Node;
}

/** `failurePolicy`, with v1's default Fail and v1beta1's default Ignore. */
export function failurePolicyOf(w: Webhook): FailurePolicy {
  const node = field(w, ['failurePolicy']);
  if (node === undefined || (known(node) === undefined && !isTemplated(node) && plain(w.doc, node) == null)) return { value: w.v1 ? 'Fail' : 'Ignore' };
  const value = known(node);
  return { value: value === 'Fail' || value === 'Ignore' ? value : undefined, node };
}

export interface RuleEntry {
  map: YAMLMap;
  apiGroups?: StringList;
  apiVersions?: StringList;
  operations?: StringList;
  resources?: StringList;
}

/** A list of strings with each item's node; `unknown` when an item is templated or not a string. */
export interface StringList {
  items: Array<{ value: string; node: Node }>;
  unknown: boolean;
}

function stringList(doc: Document, node: Node | undefined): StringList | undefined {
  const seq = asSeq(node);
  if (!seq) return node === undefined ? undefined : { items: [], unknown: true };
  const out: StringList = { items: [], unknown: false };
  for (const item of seq.items) {
    const n = deref(doc, item);
    const value = known(n);
    if (typeof value === 'string' && n) out.items.push({ value, node: n });
    else out.unknown = true;
  }
  return out;
}

export function rulesOf(w: Webhook): RuleEntry[] {
  const out: RuleEntry[] = [];
  for (const item of asSeq(field(w, ['rules']))?.items ?? []) {
    const map = asMap(deref(w.doc, item));
    if (!map) continue;
    const list = (key: string) => stringList(w.doc, nodeAt(w.doc, map, [key]));
    out.push({ map, apiGroups: list('apiGroups'), apiVersions: list('apiVersions'), operations: list('operations'), resources: list('resources') });
  }
  return out;
}

const has = (list: StringList | undefined, ...values: string[]) => list?.items.some((i) => values.includes(i.value)) ?? false;

/** True when a rule surely matches pod CREATE requests (core group, pods or every resource). */
export function matchesPodCreate(rule: RuleEntry): boolean {
  return has(rule.apiGroups, '', '*') && has(rule.resources, 'pods', '*', '*/*') && has(rule.operations, 'CREATE', '*');
}

/** True when the rule's groups hold the core group or every group (events, leases, namespaces…). */
export function broadGroups(rule: RuleEntry): boolean {
  return has(rule.apiGroups, '', '*');
}

/** The labels Kubernetes gives every namespace, plus those a Namespace manifest of the workspace sets. */
export function namespaceLabels(namespace: string, declared: Readonly<Record<string, string>> = {}): Labels {
  return { values: { ...declared, 'kubernetes.io/metadata.name': namespace }, unknown: false };
}

/**
 * Whether the webhook sees the pods of a namespace: its namespaceSelector matches the namespace and
 * its objectSelector matches a pod without labels (an opt-in objectSelector lets most pods through,
 * which is not known, so it counts as no).
 */
export function interceptsNamespace(w: Webhook, labels: Labels): Tri {
  const namespaces = selectorOf(w, 'namespaceSelector');
  const objects = selectorOf(w, 'objectSelector');
  if (!namespaces || !objects) return undefined;
  const inNamespace = matches(namespaces, labels);
  const unlabelled = matches(objects, { values: {}, unknown: false });
  if (inNamespace === false || unlabelled === false) return false;
  return inNamespace === true && unlabelled === true ? true : undefined;
}

function selectorOf(w: Webhook, key: string) {
  const node = field(w, [key]);
  if (isTemplated(node)) return undefined;
  const selector = parseSelector(node === undefined ? undefined : plain(w.doc, node));
  return selector;
}

/** The Service `clientConfig.service` names, when fully known. */
export function serviceOf(w: Webhook): { name: string; namespace: string; port: number; nameNode: Node; portNode?: Node } | undefined {
  const service = field(w, ['clientConfig', 'service']);
  if (!asMap(service)) return undefined;
  const nameNode = nodeAt(w.doc, service, ['name']);
  const name = known(nameNode);
  const namespace = known(nodeAt(w.doc, service, ['namespace']));
  const portNode = nodeAt(w.doc, service, ['port']);
  const port = portNode === undefined ? 443 : known(portNode);
  if (typeof name !== 'string' || typeof namespace !== 'string' || typeof port !== 'number') return undefined;
  return { name, namespace, port, nameNode: nameNode!, ...(portNode ? { portNode } : {}) };
}
