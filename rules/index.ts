// The rule catalog. Every rule lives in its own module beside its documentation (`<id>.md`).

import type { RuleDefinition } from '../server/src/engine';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import apparmorProfile from './apparmor-profile';
import baselineCapabilities from './baseline-capabilities';
import baselineSeccompProfile from './baseline-seccomp-profile';
import hostNamespaces from './host-namespaces';
import hostPathVolumes from './host-path-volumes';
import hostPorts from './host-ports';
import hostProbesAndLifecycle from './host-probes-and-lifecycle';
import networkEgressIsolation from './network-egress-isolation';
import networkIngressIsolation from './network-ingress-isolation';
import networkNamespaceDefaultDeny from './network-namespace-default-deny';
import networkPolicyAllowsAll from './network-policy-allows-all';
import networkPolicySelectsNothing from './network-policy-selects-nothing';
import privilegedContainer from './privileged-container';
import procMount from './proc-mount';
import restrictedCapabilities from './restricted-capabilities';
import restrictedProcMount from './restricted-proc-mount';
import restrictedSeccompProfile from './restricted-seccomp-profile';
import restrictedVolumeTypes from './restricted-volume-types';
import runAsNonRoot from './run-as-non-root';
import runAsUser from './run-as-user';
import secretInArgs from './secret-in-args';
import secretInConfigmap from './secret-in-configmap';
import secretInEnv from './secret-in-env';
import secretInLastApplied from './secret-in-last-applied';
import secretInvalidBase64 from './secret-invalid-base64';
import secretManifestPlaintext from './secret-manifest-plaintext';
import selinuxOptions from './selinux-options';
import unsafeSysctls from './unsafe-sysctls';
import windowsHostProcess from './windows-host-process';

export const rules: readonly RuleDefinition[] = [
  // Baseline: the Pod Security Standards' minimum, errors by default.
  privilegedContainer,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndLifecycle,
  baselineCapabilities,
  apparmorProfile,
  selinuxOptions,
  procMount,
  baselineSeccompProfile,
  unsafeSysctls,
  windowsHostProcess,
  // Restricted: hardening best practice, warnings by default.
  allowPrivilegeEscalation,
  restrictedCapabilities,
  runAsNonRoot,
  runAsUser,
  restrictedSeccompProfile,
  restrictedVolumeTypes,
  restrictedProcMount,
  // Secrets: credentials typed into manifests.
  secretInEnv,
  secretInArgs,
  secretManifestPlaintext,
  secretInvalidBase64,
  secretInConfigmap,
  secretInLastApplied,
  // Network: NetworkPolicy coverage across the whole workspace.
  networkIngressIsolation,
  networkEgressIsolation,
  networkPolicyAllowsAll,
  networkPolicySelectsNothing,
  networkNamespaceDefaultDeny,
];

export const rulesById: ReadonlyMap<string, RuleDefinition> = new Map(rules.map((r) => [r.id, r]));

export const docsBaseUrl = 'https://github.com/kube-harden/kube-harden/blob/main/rules/';

export function docsUrl(ruleId: string): string {
  return `${docsBaseUrl}${ruleId}.md`;
}
