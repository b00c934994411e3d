// Runtime: the rules of seccomp profile files (JSON files whose top-level object has an SCMP_ACT_*
// `defaultAction`), which the CLI and the server check beside the manifests that name them.

import type { RuleDefinition } from '../../server/src/engine';
import seccompProfileAllowsAll from './seccomp-profile-allows-all';
import seccompProfileJson from './seccomp-profile-json';
import seccompProfileShape from './seccomp-profile-shape';
import seccompProfileTooNarrow from './seccomp-profile-too-narrow';
import seccompProfileUnknownSyscall from './seccomp-profile-unknown-syscall';
import seccompProfileWeakerThanDefault from './seccomp-profile-weaker-than-default';

export const profileRules: readonly RuleDefinition[] = [
  seccompProfileJson,
  seccompProfileShape,
  seccompProfileUnknownSyscall,
  seccompProfileTooNarrow,
  seccompProfileAllowsAll,
  seccompProfileWeakerThanDefault,
];
