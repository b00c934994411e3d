// ValidatingAdmissionPolicies and their bindings in the workspace model: a policy's name and whether
// it takes parameters, a binding's policy and whether it gives them. Both kinds are cluster-scoped.

import { defineFacts, ExtractContext, Fact, isTemplatedText, nodeAt, plain, Resource } from '../../server/src/engine';
import { policyApi } from './admission-policy-cel';
import { record } from './psp-level';

export interface AdmissionPolicyFact extends Fact {
  name: string;
  paramKind: boolean;
}

export interface PolicyBindingFact extends Fact {
  name: string;
  /** undefined when not a plain name (missing or templated). */
  policyName?: string;
  paramRef: boolean;
}

function specOf(resource: Resource): Record<string, unknown> {
  return record(plain(resource.doc, nodeAt(resource.doc, resource.root, ['spec'])));
}

function policyFact(resource: Resource, ctx: ExtractContext): AdmissionPolicyFact[] {
  if (resource.kind !== 'ValidatingAdmissionPolicy' || !policyApi.test(resource.apiVersion) || !resource.name || isTemplatedText(resource.name)) return [];
  return [{ at: ctx.at(), name: resource.name, paramKind: specOf(resource).paramKind !== undefined && specOf(resource).paramKind !== null }];
}

function bindingFact(resource: Resource, ctx: ExtractContext): PolicyBindingFact[] {
  if (resource.kind !== 'ValidatingAdmissionPolicyBinding' || !policyApi.test(resource.apiVersion)) return [];
  const spec = specOf(resource);
  const name = typeof spec.policyName === 'string' && !isTemplatedText(spec.policyName) ? spec.policyName : undefined;
  return [{ at: ctx.at(), name: resource.name, ...(name ? { policyName: name } : {}), paramRef: spec.paramRef !== undefined && spec.paramRef !== null }];
}

export const admissionPolicies = defineFacts<AdmissionPolicyFact>({ id: 'admission.policy', kinds: ['ValidatingAdmissionPolicy'], extract: policyFact, namespaceOf: () => '*' });

export const policyBindings = defineFacts<PolicyBindingFact>({ id: 'admission.policy-binding', kinds: ['ValidatingAdmissionPolicyBinding'], extract: bindingFact, namespaceOf: () => '*' });
