// The Pod Security Standards, check by check as Pod Security Admission runs them: baseline first
// (errors by default), then restricted (warnings by default).

import type { RuleDefinition } from '../../server/src/engine';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import apparmorProfile from './apparmor-profile';
import baselineCapabilities from './baseline-capabilities';
import baselineSeccompProfile from './baseline-seccomp-profile';
import hostNamespaces from './host-namespaces';
import hostPathVolumes from './host-path-volumes';
import hostPorts from './host-ports';
import hostProbesAndLifecycle from './host-probes-and-lifecycle';
import privilegedContainer from './privileged-container';
import procMount from './proc-mount';
import restrictedCapabilities from './restricted-capabilities';
import restrictedProcMount from './restricted-proc-mount';
import restrictedSeccompProfile from './restricted-seccomp-profile';
import restrictedVolumeTypes from './restricted-volume-types';
import runAsNonRoot from './run-as-non-root';
import runAsUser from './run-as-user';
import selinuxOptions from './selinux-options';
import unsafeSysctls from './unsafe-sysctls';
import windowsHostProcess from './windows-host-process';

export const rules: readonly RuleDefinition[] = [
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
  allowPrivilegeEscalation,
  restrictedCapabilities,
  runAsNonRoot,
  runAsUser,
  restrictedSeccompProfile,
  restrictedVolumeTypes,
  restrictedProcMount,
];
