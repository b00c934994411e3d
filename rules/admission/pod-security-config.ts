// The PodSecurity plugin's configuration, inline in an API server AdmissionConfiguration file or a
// PodSecurityConfiguration of its own (as the Pod Security webhook reads it): where its `defaults`
// and `exemptions` maps are.

import { asMap, asSeq, deref, known, Node, nodeAt, Resource, YAMLMap } from '../../server/src/engine';

export const configurationKinds = ['AdmissionConfiguration', 'PodSecurityConfiguration'] as const;

export const podSecurityConfigVersions = ['pod-security.admission.config.k8s.io/v1', 'pod-security.admission.config.k8s.io/v1beta1', 'pod-security.admission.config.k8s.io/v1alpha1'];

export interface PodSecurityConfiguration {
  /** The PodSecurityConfiguration map (the root, or the plugin's `configuration`). */
  map: YAMLMap;
  /** Its `apiVersion` node, when it is inline (a root's is the resource's own). */
  apiVersionNode?: Node;
}

/** The PodSecurity configurations a resource holds: none, the root, or its plugins' inline ones. */
export function podSecurityConfigurations(resource: Resource): PodSecurityConfiguration[] {
  const { doc, root, kind, apiVersion } = resource;
  if (kind === 'PodSecurityConfiguration' && apiVersion.startsWith('pod-security.admission.config.k8s.io/')) return [{ map: root }];
  if (kind !== 'AdmissionConfiguration' || !/^apiserver\.(config\.)?k8s\.io\//.test(apiVersion)) return [];
  const out: PodSecurityConfiguration[] = [];
  for (const item of asSeq(nodeAt(doc, root, ['plugins']))?.items ?? []) {
    const plugin = asMap(deref(doc, item));
    if (!plugin || known(nodeAt(doc, plugin, ['name'])) !== 'PodSecurity') continue;
    // A `path` names a file on the API server's host, which is not in the workspace.
    const configuration = asMap(nodeAt(doc, plugin, ['configuration']));
    if (configuration) out.push({ map: configuration, apiVersionNode: nodeAt(doc, configuration, ['apiVersion']) });
  }
  return out;
}
