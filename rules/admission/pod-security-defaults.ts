// The PodSecurity plugin's cluster-wide settings as a workspace fact: the level and version it
// enforces in namespaces without labels (`defaults`) and the namespaces it exempts. The workspace
// model applies them to its namespace policies, so the Pod Security rules check each workload at the
// level the cluster really enforces. Only valid values count: an invalid file stops the API server
// (pod-security-admission-config), so it enforces nothing to reason about.

import { asMap, asSeq, ClusterPodSecurity, defineFacts, deref, Fact, known, nodeAt, parseMinor, PodSecurityLevel } from '../../server/src/engine';
import { isValidVersion, levels } from './namespace-labels';
import { configurationKinds, podSecurityConfigurations } from './pod-security-config';

export interface PodSecurityDefaultsFact extends Fact, ClusterPodSecurity {}

export const podSecurityDefaults = defineFacts<PodSecurityDefaultsFact>({
  id: 'admission.pod-security-defaults',
  kinds: configurationKinds,
  extract(resource, ctx) {
    const { doc } = resource;
    return podSecurityConfigurations(resource).map((config) => {
      const defaults = asMap(nodeAt(doc, config.map, ['defaults']));
      const level = known(nodeAt(doc, defaults, ['enforce']));
      const version = known(nodeAt(doc, defaults, ['enforce-version']));
      const namespaces = (asSeq(nodeAt(doc, config.map, ['exemptions', 'namespaces']))?.items ?? []).map((n) => known(deref(doc, n))).filter((n): n is string => typeof n === 'string');
      const fact: PodSecurityDefaultsFact = { at: ctx.at(), exemptNamespaces: namespaces };
      // Only what the file writes: a key left out (the plugin's privileged, at latest) leaves
      // kube-harden's configured level and version in force, as without the file.
      if ((levels as readonly string[]).includes(String(level))) fact.level = level as PodSecurityLevel;
      if (typeof version === 'string' && isValidVersion(version)) fact.minor = parseMinor(version);
      return fact;
    });
  },
  // Cluster-wide: every namespace is concerned.
  namespaceOf: () => '*',
  clusterPodSecurity: (fact) => fact,
});
