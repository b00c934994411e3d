// ValidatingAdmissionPolicies and their bindings in the workspace model: a policy's name and whether
// it takes parameters, a binding's policy and whether it gives them, and for the policy family's
// offline evaluation the plain spec of each (both are a few dozen lines: small enough to sign).
// Both kinds are cluster-scoped.

import { defineFacts, ExtractContext, Fact, isTemplatedText, nodeAt, plain, Resource } from '../../server/src/engine';
import { policyApi } from './admission-policy-cel';
import { record } from './psp-level';

export interface AdmissionPolicyFact extends Fact {
  name: string;
  paramKind: boolean;
  /** The plain spec; absent when a part of it is a template expression (it is then not evaluated). */
  spec?: Record<string, unknown>;
}

export interface PolicyBindingFact extends Fact {
  name: string;
  /** undefined when not a plain name (missing or templated). */
  policyName?: string;
  paramRef: boolean;
  /** The plain spec; absent when a part of it is a template expression. */
  spec?: Record<string, unknown>;
}

function specOf(resource: Resource): Record<string, unknown> {
  return record(plain(resource.doc, nodeAt(resource.doc, resource.root, ['spec'])));
}

/** The spec unless something in it is templated: a policy with `{{ }}` inside is no policy yet. */
function evaluable(spec: Record<string, unknown>): { spec?: Record<string, unknown> } {
  return isTemplatedText(JSON.stringify(spec)) ? {} : { spec };
}

function policyFact(resource: Resource, ctx: ExtractContext): AdmissionPolicyFact[] {
  if (resource.kind !== 'ValidatingAdmissionPolicy' || !policyApi.test(resource.apiVersion) || !resource.name || isTemplatedText(resource.name)) return [];
  const spec = specOf(resource);
  return [{ at: ctx.at(), name: resource.name, paramKind: spec.paramKind !== undefined && spec.paramKind !== null, ...evaluable(spec) }];
}

function bindingFact(resource: Resource, ctx: ExtractContext): PolicyBindingFact[] {
  if (resource.kind !== 'ValidatingAdmissionPolicyBinding' || !policyApi.test(resource.apiVersion)) return [];
  const spec = specOf(resource);
  const name = typeof spec.policyName === 'string' && !isTemplatedText(spec.policyName) ? spec.policyName : undefined;
  return [{ at: ctx.at(), name: resource.name, ...(name ? { policyName: name } : {}), paramRef: spec.paramRef !== undefined && spec.paramRef !== null, ...evaluable(spec) }];
}

export const admissionPolicies = defineFacts<AdmissionPolicyFact>({ id: 'admission.policy', kinds: ['ValidatingAdmissionPolicy'], extract: policyFact, namespaceOf: () => '*' });

export const policyBindings = defineFacts<PolicyBindingFact>({ id: 'admission.policy-binding', kinds: ['ValidatingAdmissionPolicyBinding'], extract: bindingFact, namespaceOf: () => '*' });
