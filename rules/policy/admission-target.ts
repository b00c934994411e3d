// The resource being checked as an admission request sees it: the target of the match rules, and the
// CEL variables `object`, `request` and `namespaceObject`, built once per resource and shared by every
// policy; and a binding's parameters (`paramRef`) found among the workspace's objects.

import { isTemplatedText, Labels, nodeAt, RuleContext, stringMap } from '../../server/src/engine';
import { isClusterScoped, resourceOf, splitApiVersion, Target } from './admission-match';
import { objectOf } from './custom-rules';
import { toCel } from './cel-eval';
import { parseSelector, matches } from '../../server/src/engine';
import { ParamFact, policyParams } from './params';

export interface Subject {
  target: Target;
  /** `object`, `oldObject`, `request`, `namespaceObject`, `authorizer` as CEL values. */
  bindings: Record<string, unknown>;
  /** False when the resource's namespace is not in the workspace: `namespaceObject` is then unknown. */
  namespaceKnown: boolean;
}

const metadataName = 'kubernetes.io/metadata.name';

function labelsOf(values: Readonly<Record<string, string>>): Labels {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) out[key] = isTemplatedText(value) ? null : value;
  return { values: out, unknown: false };
}

/** The resource as an admission request for its CREATE; undefined when its identity is templated. */
export function subjectOf(ctx: Pick<RuleContext, 'file' | 'resource' | 'workspace'>): Subject | undefined {
  const { resource } = ctx;
  if (!resource.kind || isTemplatedText(resource.name) || isTemplatedText(resource.apiVersion) || (resource.namespace !== null && isTemplatedText(resource.namespace))) return undefined;
  const { group, version } = splitApiVersion(resource.apiVersion);
  // From the document itself: the workspace's copy is read through a channel the rules do not declare.
  const own: Record<string, string> = {};
  for (const [key, entry] of stringMap(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']), 'labels')) own[key] = entry.value;
  const labels = labelsOf(own);
  const namespace = isClusterScoped(resource.kind) ? null : (resource.namespace ?? 'default');
  const nsName = resource.kind === 'Namespace' ? resource.name : namespace;
  const declared = nsName === null ? undefined : ctx.workspace.resources({ kind: 'Namespace', name: nsName })[0];
  const namespaceLabels: Labels =
    resource.kind === 'Namespace'
      ? { values: { ...labels.values, [metadataName]: resource.name }, unknown: false }
      : declared
        ? { values: { ...labelsOf(declared.labels).values, [metadataName]: declared.name }, unknown: false }
        : { values: nsName === null ? {} : { [metadataName]: nsName }, unknown: true };
  const target: Target = { group, version, kind: resource.kind, resource: resourceOf(resource.kind), name: resource.name, namespace, namespaceLabels, labels };
  const request = {
    operation: 'CREATE',
    kind: { group, version, kind: resource.kind },
    resource: { group, version, resource: target.resource },
    requestKind: { group, version, kind: resource.kind },
    requestResource: { group, version, resource: target.resource },
    name: resource.name,
    namespace: namespace ?? '',
    subResource: '',
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  };
  const namespaceObject = declared
    ? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: declared.name, labels: { ...declared.labels, [metadataName]: declared.name }, annotations: { ...declared.annotations } } }
    : null;
  // Converted when a policy applies, not for every resource: a CRD of 23,000 lines took 15 ms a keystroke.
  let bindings: Subject['bindings'] | undefined;
  return {
    target,
    get bindings() {
      return (bindings ??= { object: objectOf(ctx), oldObject: null, request: toCel(request), namespaceObject: toCel(namespaceObject), authorizer: null, params: null });
    },
    namespaceKnown: declared !== undefined || namespace === null,
  };
}

/**
 * The parameter objects a `paramRef` names for a target: by name or by label selector, in its
 * namespace (the target's when it names none). `undefined` when they are not all known offline (none
 * in the workspace, or one too large to keep): the binding is then not evaluated.
 */
export function paramsOf(ctx: Pick<RuleContext, 'workspace'>, paramKind: unknown, paramRef: unknown, target: Target): unknown[] | undefined {
  if (!paramKind || typeof paramKind !== 'object') return [null];
  if (!paramRef || typeof paramRef !== 'object') return undefined;
  const kind = paramKind as Record<string, unknown>;
  const ref = paramRef as Record<string, unknown>;
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : target.namespace;
  const inNamespace = (p: ParamFact) => p.namespace === null || namespace === null || p.namespace === namespace;
  const ofKind = ctx.workspace.facts(policyParams).filter((p) => p.kind === kind.kind && p.apiVersion === kind.apiVersion && inNamespace(p));
  const selector = ref.selector === undefined ? undefined : parseSelector(ref.selector);
  const found = typeof ref.name === 'string' ? ofKind.filter((p) => p.name === ref.name) : selector ? ofKind.filter((p) => matches(selector, labelsOf(p.labels)) === true) : [];
  // None found: `Allow` passes the request and `Deny` refuses it, but they may exist in the cluster.
  if (found.length === 0 || found.some((p) => !p.object)) return undefined;
  return found.map((p) => toCel(p.object));
}
