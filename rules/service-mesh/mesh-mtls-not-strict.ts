// Service mesh: a PeerAuthentication that sets PERMISSIVE or DISABLE lets the workloads it covers
// accept plaintext, from inside the mesh or outside it; a port-level mode weaker than the mode the
// workload otherwise gets opens that port alone. Switching to STRICT refuses clients without a
// sidecar, so the fix is a suggestion that says so.

import { asMap, defineRule, isTemplated, nodeAt, replaceWith, scalarValue, stringEntries } from '../../server/src/engine';
import { MtlsMode, PeerAuthFact, peerAuthentications, rootNamespace } from './facts';
import { namespaceMtls, weaker } from './mtls';

function levelOf(policy: PeerAuthFact): string {
  if (policy.selector !== null) return 'workload-level';
  return policy.namespace === rootNamespace ? 'mesh-wide' : 'namespace-level';
}

export default defineRule({
  id: 'mesh-mtls-not-strict',
  meta: {
    title: 'PeerAuthentication should require mutual TLS',
    description: 'A PeerAuthentication in PERMISSIVE or DISABLE mode, or a port-level mode weaker than the workload’s, lets the workloads it covers accept plaintext connections.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['PeerAuthentication'],
    scope: 'workspace',
    reads: [peerAuthentications],
    fix: 'suggestion',
    messages: {
      notStrict: '{level} PeerAuthentication "{name}" sets mTLS mode {mode}: plaintext connections are accepted',
      portWeaker: 'port {port} of PeerAuthentication "{name}" sets mTLS mode {mode}, weaker than {base} for the rest of the workload',
    },
  },
  check(ctx) {
    const [policy] = ctx.facts(peerAuthentications);
    if (!policy || ctx.partial) return;
    const { doc, root } = ctx.resource;
    const name = policy.name || '(unnamed)';
    const what = policy.selector === null ? (policy.namespace === rootNamespace ? 'every workload of the mesh' : 'every workload of the namespace') : 'the selected workloads';
    const modeNode = nodeAt(doc, root, ['spec', 'mtls', 'mode']);
    if ((policy.mode === 'PERMISSIVE' || policy.mode === 'DISABLE') && modeNode && !isTemplated(modeNode)) {
      ctx.report({
        node: modeNode,
        messageId: 'notStrict',
        data: { level: levelOf(policy), name, mode: policy.mode },
        suggestions: [{ title: `Set mode STRICT (assumes every client of ${what} runs in the mesh with a sidecar)`, fix: replaceWith(modeNode, 'STRICT') }],
      });
    }
    // Istio reads port-level modes only from workload-level policies.
    if (policy.selector === null || policy.selector.unknown || policy.namespaceUnknown) return;
    const base: Exclude<MtlsMode, 'UNSET'> | undefined = policy.mode === 'UNSET' ? namespaceMtls(ctx.workspace, policy.namespace)?.mode : (policy.mode ?? undefined);
    if (!base) return;
    // Port keys are numbers in YAML: matched by their text.
    const ports = stringEntries(asMap(nodeAt(doc, root, ['spec', 'portLevelMtls'])), doc);
    for (const { key: port, valueNode } of ports) {
      const mode = policy.ports[port];
      if (!mode || mode === 'UNSET' || !weaker(mode, base)) continue;
      const node = nodeAt(doc, valueNode, ['mode']);
      if (!node || scalarValue(node) !== mode) continue;
      ctx.report({
        node,
        messageId: 'portWeaker',
        data: { port, name, mode, base },
        suggestions: [{ title: `Set port ${port} to ${base} (assumes its clients meet the workload's ${base} mode)`, fix: replaceWith(node, base) }],
      });
    }
  },
});
