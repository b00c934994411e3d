// Service mesh: in a workspace that uses Istio authorization, a namespace with workloads and no
// "allow nothing" policy (an AuthorizationPolicy without selector and rules, in the namespace or
// mesh-wide) lets every request through to each workload no ALLOW policy selects. Information;
// suggests the policy, which denies every request no other policy allows, as its title says.

import { appendDocument, defineRule, eolOf, isTemplatedText } from '../../server/src/engine';
import type { WorkspaceView } from '../../server/src/engine';
import { workloads } from '../network/facts';
import { policyName } from '../network/generate';
import { authorizationPolicies, rootNamespace } from './facts';
import { denyAllAuthorizationText } from './generate';

function hasDefaultDeny(view: WorkspaceView, namespace: string): boolean | undefined {
  let result: boolean | undefined = false;
  for (const policy of view.facts(authorizationPolicies, namespace)) {
    if (!policy.allowsNothing || policy.selector !== null || policy.targeted) continue;
    if (policy.namespace === namespace || policy.namespace === rootNamespace) return true;
    result = undefined;
  }
  return result;
}

export default defineRule({
  id: 'mesh-authz-namespace-default-deny',
  meta: {
    title: 'Namespaces in an Istio mesh should deny requests by default',
    description: 'When the workspace uses Istio AuthorizationPolicies, a Namespace with workloads and no allow-nothing policy lets every request reach the workloads no ALLOW policy selects.',
    category: 'service-mesh',
    severity: 'info',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['Namespace'],
    scope: 'workspace',
    reads: [authorizationPolicies, workloads],
    fix: 'suggestion',
    messages: { noDefaultDeny: 'namespace "{name}" has no allow-nothing AuthorizationPolicy' },
  },
  check(ctx) {
    const { name, apiVersion } = ctx.resource;
    if (ctx.partial || apiVersion !== 'v1' || !name || isTemplatedText(name) || name === rootNamespace) return;
    if (ctx.workspace.facts(authorizationPolicies).length === 0) return;
    if (!ctx.workspace.facts(workloads, name).some((w) => w.namespace === name)) return;
    if (hasDefaultDeny(ctx.workspace, name) !== false) return;
    const file = `${policyName('', name)}-allow-nothing.yaml`;
    const assumes = `denies every request to ${name} that no ALLOW policy allows`;
    ctx.report({
      node: ctx.resource.anchor,
      messageId: 'noDefaultDeny',
      data: { name },
      suggestions: [
        { title: `Add an allow-nothing AuthorizationPolicy (${assumes})`, fix: (parsed) => appendDocument(parsed.text, denyAllAuthorizationText(name, eolOf(parsed.text))) },
        {
          title: `Add an allow-nothing AuthorizationPolicy in a new file ${file} (${assumes})`,
          fix: () => [],
          files: (parsed) => [{ path: file, mode: 'create', text: denyAllAuthorizationText(name, eolOf(parsed.text)) }],
        },
      ],
    });
  },
});
