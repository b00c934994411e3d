// Service mesh: a namespace of the mesh (labelled for injection, or with policies) with workloads and no
// "allow nothing" policy (an AuthorizationPolicy without selector and rules, in the namespace or
// mesh-wide) lets every request through to each workload no ALLOW policy selects. Information;
// suggests the policy, which denies every request no other policy allows, as its title says.

import { appendDocument, defineRule, eolOf, isTemplatedText, nodeAt, stringMap } from '../../server/src/engine';
import type { Resource, Suggestion, WorkspaceView } from '../../server/src/engine';
import { workloads } from '../network/facts';
import { policyName } from '../network/generate';
import { authorizationPolicies, rootNamespace } from './facts';
import { denyAllAuthorizationText } from './generate';
import { callerPolicies } from './caller-policy';
import { callers, configMaps, routes, services } from '../network/call-facts';

function hasDefaultDeny(view: WorkspaceView, namespace: string): boolean | undefined {
  let result: boolean | undefined = false;
  for (const policy of view.facts(authorizationPolicies, namespace)) {
    if (!policy.allowsNothing || policy.selector !== null || policy.targeted) continue;
    if (policy.namespace === namespace || policy.namespace === rootNamespace) return true;
    result = undefined;
  }
  return result;
}

/**
 * Only a namespace that is visibly in the mesh: labelled for sidecar injection or ambient mode, or
 * holding an AuthorizationPolicy of its own. A workspace's policies say nothing of its other namespaces.
 */
function inMesh(view: WorkspaceView, resource: Resource, name: string): boolean {
  const labels = stringMap(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']), 'labels');
  const label = (key: string) => labels.get(key)?.value;
  if (label('istio-injection') === 'enabled' || label('istio.io/rev') || label('istio.io/dataplane-mode') === 'ambient') return true;
  return view.facts(authorizationPolicies, name).some((p) => p.namespace === name);
}

function suggestionsFor(view: WorkspaceView, name: string): Suggestion[] {
  const file = `${policyName('', name)}-allow-nothing.yaml`;
  const assumes = `denies every request to ${name} that no ALLOW policy allows`;
  const out: Suggestion[] = [
    { title: `Add an allow-nothing AuthorizationPolicy (${assumes})`, fix: (parsed) => appendDocument(parsed.text, denyAllAuthorizationText(name, eolOf(parsed.text))) },
    {
      title: `Add an allow-nothing AuthorizationPolicy in a new file ${file} (${assumes})`,
      fix: () => [],
      files: (parsed) => [{ path: file, mode: 'create', text: denyAllAuthorizationText(name, eolOf(parsed.text)) }],
    },
  ];
  const found = callerPolicies(view, name);
  if (found.names.length > 0) {
    const list = found.names.length <= 3 ? found.names.join(', ') : `${found.names.slice(0, 3).join(', ')} and ${found.names.length - 3} more`;
    const text = (eol: string) => [denyAllAuthorizationText(name, eol), ...found.documents.map((d) => d.join(eol) + eol)].join(`---${eol}`);
    out.push({
      title: `Add an allow-nothing AuthorizationPolicy and ALLOW policies for ${list} from the callers found in the workspace (assumes STRICT mTLS and that no other caller exists)`,
      fix: (parsed) => appendDocument(parsed.text, text(eolOf(parsed.text))),
      reveal: true,
    });
  }
  return out;
}

export default defineRule({
  id: 'mesh-authz-namespace-default-deny',
  meta: {
    title: 'Namespaces in an Istio mesh should deny requests by default',
    description:
      'A Namespace of an Istio mesh (labelled for injection, or holding AuthorizationPolicies) with workloads and no allow-nothing policy lets every request reach the workloads no ALLOW policy selects.',
    category: 'service-mesh',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Namespace'],
    scope: 'workspace',
    reads: [authorizationPolicies, workloads, services, routes, callers, configMaps],
    fix: 'suggestion',
    messages: { noDefaultDeny: 'namespace "{name}" has no allow-nothing AuthorizationPolicy' },
  },
  check(ctx) {
    const { name, apiVersion } = ctx.resource;
    if (ctx.partial || apiVersion !== 'v1' || !name || isTemplatedText(name) || name === rootNamespace) return;
    if (!inMesh(ctx.workspace, ctx.resource, name)) return;
    if (!ctx.workspace.facts(workloads, name).some((w) => w.namespace === name)) return;
    if (hasDefaultDeny(ctx.workspace, name) !== false) return;
    ctx.report({ node: ctx.resource.anchor, messageId: 'noDefaultDeny', data: { name }, suggestions: suggestionsFor(ctx.workspace, name) });
  },
});
