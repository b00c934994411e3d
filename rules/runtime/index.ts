// Runtime: hardening beyond the Pod Security Standards (read-only root file system, groups,
// service-account tokens, resources, node-owning host paths, externalIPs) and seccomp and AppArmor
// profiles as manifests set them; and (profile-rules.ts) the seccomp profile files themselves.

import type { RuleDefinition } from '../../server/src/engine';
import { profileRules } from './profile-rules';
import automountServiceAccountToken from './automount-service-account-token';
import cpuLimits from './cpu-limits';
import dangerousHostPath from './dangerous-host-path';
import legacyProfileAnnotations from './legacy-profile-annotations';
import readOnlyRootFilesystem from './read-only-root-filesystem';
import resourceRequirements from './resource-requirements';
import rootGroup from './root-group';
import seccompLocalhostProfile from './seccomp-localhost-profile';
import seccompLocalhostProfileMissing from './seccomp-localhost-profile-missing';
import serviceExternalIps from './service-external-ips';
import unconfinedProfile from './unconfined-profile';

export const rules: readonly RuleDefinition[] = [
  readOnlyRootFilesystem,
  rootGroup,
  automountServiceAccountToken,
  resourceRequirements,
  cpuLimits,
  dangerousHostPath,
  serviceExternalIps,
  seccompLocalhostProfile,
  seccompLocalhostProfileMissing,
  legacyProfileAnnotations,
  unconfinedProfile,
  ...profileRules,
];
