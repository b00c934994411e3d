// Service mesh: once a workspace configures Istio's mTLS (it holds a PeerAuthentication), every
// workload whose effective mode is not STRICT accepts plaintext. The mode is computed with Istio's
// precedence across files (see mtls.ts). Suggests a STRICT policy for the workload beside it, or a
// mesh-wide one when none exists; both refuse clients without a sidecar, as their titles say.

import { defineRule, eolOf, deref, insertDocumentAfter, appendDocument, ParsedFile, Resource, Suggestion } from '../../server/src/engine';
import { hasUnknown, workloads, WorkloadFact } from '../network/facts';
import { concreteLabels } from '../network/generate';
import { peerAuthentications, rootNamespace } from './facts';
import { EffectiveMtls, hasPeerAuthentication, levelNames, workloadMtls } from './mtls';
import { strictPeerAuthenticationText } from './generate';

function besideWorkload(resource: Resource, text: (eol: string) => string) {
  return (parsed: ParsedFile) => {
    const own = deref(resource.doc, resource.doc.contents) === resource.root;
    const body = text(eolOf(parsed.text));
    return own ? insertDocumentAfter(parsed.text, resource.doc.range[2], body) : appendDocument(parsed.text, body);
  };
}

function suggestionsFor(resource: Resource, fact: WorkloadFact, mtls: EffectiveMtls, meshWide: boolean): Suggestion[] {
  const out: Suggestion[] = [];
  const labels = concreteLabels(fact.labels);
  // A workload-level policy of its own exists: its mode is set there (a second one would only conflict).
  if (labels && !mtls.workloadPolicy) {
    const text = (eol: string) => strictPeerAuthenticationText({ workload: fact.name || fact.kind.toLowerCase(), namespace: fact.namespace, labels }, eol);
    out.push({ title: `Add a STRICT PeerAuthentication for ${fact.name} (assumes every client of ${fact.name} runs in the mesh with a sidecar)`, fix: besideWorkload(resource, text), reveal: true });
  }
  if (!meshWide && mtls.level === 'default') {
    const file = 'peer-authentication-mesh-strict.yaml';
    out.push({
      title: `Add a mesh-wide STRICT PeerAuthentication in ${rootNamespace}, in a new file ${file} (assumes every workload's clients run in the mesh)`,
      fix: () => [],
      files: (parsed) => [{ path: file, mode: 'create', text: strictPeerAuthenticationText('mesh', eolOf(parsed.text)) }],
      reveal: true,
    });
  }
  return out;
}

export default defineRule({
  id: 'mesh-workload-mtls-not-strict',
  meta: {
    title: 'Workloads in an Istio mesh should require mutual TLS',
    description:
      'When the workspace configures Istio PeerAuthentication, a workload whose effective mTLS mode (workload over namespace over mesh-wide policy) is not STRICT accepts plaintext connections.',
    category: 'service-mesh',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: 'workload',
    scope: 'workspace',
    reads: [workloads, peerAuthentications],
    fix: 'suggestion',
    messages: { notStrict: '{kind} "{name}" accepts plaintext: its effective Istio mTLS mode is {mode} ({from})' },
  },
  check(ctx) {
    const [fact] = ctx.facts(workloads);
    if (!fact || !ctx.workload || ctx.partial || hasUnknown(fact) || !hasPeerAuthentication(ctx.workspace)) return;
    const mtls = workloadMtls(ctx.workspace, fact);
    if (!mtls || mtls.mode === 'STRICT') return;
    const from = mtls.source ? `${levelNames[mtls.level]} PeerAuthentication "${mtls.source.name}"` : 'no PeerAuthentication applies; Istio defaults to PERMISSIVE';
    const meshWide = ctx.workspace.facts(peerAuthentications, '*').some((p) => p.namespace === rootNamespace && p.selector === null);
    ctx.report({
      node: ctx.resource.anchor,
      messageId: 'notStrict',
      data: { kind: fact.kind, name: fact.name || '(unnamed)', mode: mtls.mode, from },
      suggestions: suggestionsFor(ctx.resource, fact, mtls, meshWide),
    });
  },
});
