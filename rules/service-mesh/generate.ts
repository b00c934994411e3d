// The text of the Istio policies that the service-mesh suggestions add.

import { scalarText } from '../../server/src/engine';
import { policyName } from '../network/generate';
import { rootNamespace } from './facts';

function lines(body: string[], eol: string): string {
  return body.join(eol) + eol;
}

function metadata(name: string, namespace: string | null): string[] {
  return ['metadata:', `  name: ${scalarText(name)}`, ...(namespace === null ? [] : [`  namespace: ${scalarText(namespace)}`])];
}

function matchLabels(labels: Record<string, string>): string[] {
  return ['  selector:', '    matchLabels:', ...Object.entries(labels).map(([k, v]) => `      ${scalarText(k)}: ${scalarText(v)}`)];
}

/** A PeerAuthentication requiring mTLS: mesh-wide (root namespace, no selector) or for one workload's pods. */
export function strictPeerAuthenticationText(target: { workload: string; namespace: string | null; labels: Record<string, string> } | 'mesh', eol = '\n'): string {
  const head = ['apiVersion: security.istio.io/v1', 'kind: PeerAuthentication'];
  if (target === 'mesh') return lines([...head, ...metadata('default', rootNamespace), 'spec:', '  mtls:', '    mode: STRICT'], eol);
  return lines([...head, ...metadata(policyName('', target.workload), target.namespace), 'spec:', ...matchLabels(target.labels), '  mtls:', '    mode: STRICT'], eol);
}

/** Istio's default deny for a namespace: an AuthorizationPolicy with an empty spec allows nothing. */
export function denyAllAuthorizationText(namespace: string, eol = '\n'): string {
  return lines(['apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy', ...metadata('allow-nothing', namespace), 'spec: {}'], eol);
}
