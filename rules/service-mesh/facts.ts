// The service-mesh family's facts: Istio PeerAuthentications (scope, mTLS mode, port modes) and
// AuthorizationPolicies (scope, action, whether they allow nothing), as plain data for the workspace
// model. Workloads are the network family's facts: one reading of pod labels for both families.

import { defineFacts, Fact, isTemplatedText, NamespaceKey, nodeAt, parseSelector, plain, Resource, Selector } from '../../server/src/engine';
import type { NamespaceRef } from '../network/facts';

/** The namespace whose selector-less PeerAuthentication and AuthorizationPolicy apply to the whole mesh. */
export const rootNamespace = 'istio-system';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET';
const modes: readonly string[] = ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'];

/** True for the Istio API groups and versions this family reads. */
export function isIstio(resource: Resource, group: 'security' | 'networking'): boolean {
  const versions = group === 'security' ? /^(v1|v1beta1)$/ : /^(v1|v1beta1|v1alpha3)$/;
  const [g, v] = resource.apiVersion.split('/');
  return g === `${group}.istio.io` && versions.test(v ?? '');
}

export function specOf(resource: Resource): Record<string, unknown> | undefined {
  const spec = plain(resource.doc, nodeAt(resource.doc, resource.root, ['spec']));
  if (spec === undefined || spec === null) return {};
  return typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : undefined;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A mode as written: UNSET when absent, null when templated or not a mode at all. */
export function modeOf(value: unknown): MtlsMode | null {
  const mode = record(value)?.mode;
  if (value === undefined || value === null || mode === undefined || mode === null) return 'UNSET';
  return typeof mode === 'string' && modes.includes(mode) ? (mode as MtlsMode) : null;
}

/**
 * Istio's `selector` (matchLabels only). null: none, or one without labels — the policy then applies
 * to its whole namespace (the whole mesh in the root namespace), as Istio reads it.
 */
function selectorOf(value: unknown): Selector | null {
  const labels = record(value)?.matchLabels;
  if (value === undefined || value === null) return null;
  if (!record(value)) return { requirements: [], unknown: true };
  if (labels === undefined || labels === null || (record(labels) && Object.keys(labels as object).length === 0)) return null;
  return parseSelector({ matchLabels: labels });
}

function namespaceRef(resource: Resource): NamespaceRef {
  return { namespace: resource.namespace, namespaceUnknown: resource.namespace !== null && isTemplatedText(resource.namespace) };
}

/**
 * Policies of the root namespace apply to every namespace (with a selector, to the matching workloads
 * of every namespace), as do those of a templated namespace.
 */
function scopeKey(fact: NamespaceRef): NamespaceKey {
  if (fact.namespaceUnknown || fact.namespace === rootNamespace) return '*';
  return fact.namespace;
}

export interface PeerAuthFact extends Fact, NamespaceRef {
  name: string;
  selector: Selector | null;
  mode: MtlsMode | null;
  /** `portLevelMtls` by port number (only Istio's workload-level policies honour them). */
  ports: Record<string, MtlsMode | null>;
}

export const peerAuthentications = defineFacts<PeerAuthFact>({
  id: 'service-mesh.peer-authentication',
  kinds: ['PeerAuthentication'],
  extract(resource, ctx) {
    const spec = specOf(resource);
    if (!isIstio(resource, 'security') || !spec) return [];
    const ports: Record<string, MtlsMode | null> = {};
    for (const [port, value] of Object.entries(record(spec.portLevelMtls) ?? {})) ports[port] = modeOf(value);
    return [{ at: ctx.at(), ...namespaceRef(resource), name: resource.name, selector: selectorOf(spec.selector), mode: modeOf(spec.mtls), ports }];
  },
  namespaceOf: scopeKey,
});

export interface AuthzFact extends Fact, NamespaceRef {
  name: string;
  selector: Selector | null;
  /** Selects by `targetRef(s)` (gateways, services) instead of a selector: not read here. */
  targeted: boolean;
  action: string | null;
  /** ALLOW without rules: every request to the selected workloads that no other policy allows is denied. */
  allowsNothing: boolean;
  /** Refuses requests without a valid JWT: an ALLOW whose every rule needs requestPrincipals, or a DENY of notRequestPrincipals ["*"]. */
  requiresToken: boolean;
}

function sourcesOf(rule: unknown): Array<Record<string, unknown>> {
  const from = record(rule)?.from;
  return Array.isArray(from) ? from.map((f) => record(record(f)?.source) ?? {}) : [];
}

function requiresToken(action: string | null, rules: unknown): boolean {
  if (!Array.isArray(rules) || rules.length === 0) return false;
  const listed = (source: Record<string, unknown>, key: string) => Array.isArray(source[key]) && (source[key] as unknown[]).length > 0;
  if (action === 'ALLOW') return rules.every((rule) => sourcesOf(rule).some((source) => listed(source, 'requestPrincipals')));
  if (action === 'DENY') return rules.some((rule) => sourcesOf(rule).some((source) => Array.isArray(source.notRequestPrincipals) && source.notRequestPrincipals.includes('*')));
  return false;
}

export function actionOf(spec: Record<string, unknown>): string | null {
  const action = spec.action ?? 'ALLOW';
  return typeof action === 'string' && !isTemplatedText(action) ? action : null;
}

export const authorizationPolicies = defineFacts<AuthzFact>({
  id: 'service-mesh.authorization-policy',
  kinds: ['AuthorizationPolicy'],
  extract(resource, ctx) {
    const spec = specOf(resource);
    if (!isIstio(resource, 'security') || !spec) return [];
    const action = actionOf(spec);
    const rules = spec.rules;
    const noRules = rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
    const targeted = spec.targetRef !== undefined || spec.targetRefs !== undefined;
    const base = { at: ctx.at(), ...namespaceRef(resource), name: resource.name, selector: selectorOf(spec.selector), targeted, action };
    return [{ ...base, allowsNothing: action === 'ALLOW' && noRules, requiresToken: requiresToken(action, rules) }];
  },
  namespaceOf: scopeKey,
});

export interface RequestAuthFact extends Fact, NamespaceRef {
  name: string;
  selector: Selector | null;
  targeted: boolean;
}

export const requestAuthentications = defineFacts<RequestAuthFact>({
  id: 'service-mesh.request-authentication',
  kinds: ['RequestAuthentication'],
  extract(resource, ctx) {
    const spec = specOf(resource);
    if (!isIstio(resource, 'security') || !spec) return [];
    const targeted = spec.targetRef !== undefined || spec.targetRefs !== undefined;
    return [{ at: ctx.at(), ...namespaceRef(resource), name: resource.name, selector: selectorOf(spec.selector), targeted }];
  },
  namespaceOf: scopeKey,
});
