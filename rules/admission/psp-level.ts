// The Pod Security level a PodSecurityPolicy corresponds to, field by field as the Kubernetes page
// "Mapping PodSecurityPolicies to Pod Security Standards" maps them: a field that grants what
// baseline forbids makes it privileged, one that grants what restricted forbids makes it baseline.
//
// Judgement call: the page maps `seLinux: RunAsAny` and a missing seccomp annotation to privileged,
// which would make nearly every "restricted" PodSecurityPolicy ever written (the upstream example
// included) privileged. We read them as "not constrained" rather than "granted": they do not lower
// the level, and the migration lists them as what the level newly requires of pods.

import { PodSecurityLevel } from '../../server/src/engine';
import { allowedVolumeTypes } from '../pod-security/restricted-volume-types';
import { baselineCapabilities } from '../pod-security/capabilities';

export type Spec = Record<string, unknown>;

/** What PodSecurityPolicy enforced, as read from its spec and annotations. */
export interface PspAnalysis {
  level: PodSecurityLevel;
  /** Why the level is not stricter, one line per field. */
  limits: string[];
  /** What the level requires of pods that the policy did not. */
  tightened: string[];
  /** Defaults the policy wrote into pods, which Pod Security Admission never does. */
  mutations: string[];
}

const selinuxTypes = new Set(['container_t', 'container_init_t', 'container_kvm_t']);
const rank: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

export const seccompAllowed = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';
export const seccompDefault = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';
const apparmorAllowed = 'apparmor.security.beta.kubernetes.io/allowedProfileNames';

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function record(value: unknown): Spec {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Spec) : {};
}

function capabilityName(name: string): string {
  return name.toUpperCase().replace(/^CAP_/, '');
}

/** Profiles of a `allowedProfileNames` annotation that the level allows: runtime/default and localhost/*, and unset at baseline. */
function profileLevel(value: string | undefined): PodSecurityLevel | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((n) => n.trim());
  const fine = (n: string) => n === 'runtime/default' || n === 'docker/default' || n.startsWith('localhost/');
  if (names.every(fine)) return 'restricted';
  if (names.every((n) => n === '' || fine(n))) return 'baseline';
  return 'privileged';
}

/** Each check the page maps: the level the field's value allows, and why when below restricted. */
function checks(spec: Spec, annotations: Record<string, string>): Array<[PodSecurityLevel, string]> {
  const out: Array<[PodSecurityLevel, string]> = [];
  const at = (level: PodSecurityLevel, why: string) => out.push([level, why]);
  if (spec.privileged === true) at('privileged', 'privileged: true allows privileged containers');
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[key] === true) at('privileged', `${key}: true shares a host namespace`);
  if (Array.isArray(spec.hostPorts) && spec.hostPorts.length > 0) at('privileged', 'hostPorts allows host ports');
  const caps = [...strings(spec.allowedCapabilities), ...strings(spec.defaultAddCapabilities)].map(capabilityName);
  const extra = caps.filter((c) => !baselineCapabilities.has(c));
  if (extra.length) at('privileged', `allowedCapabilities adds ${extra.join(', ')}`);
  else if (caps.some((c) => c !== 'NET_BIND_SERVICE')) at('baseline', `allowedCapabilities adds ${caps.filter((c) => c !== 'NET_BIND_SERVICE').join(', ')}`);
  const volumes = strings(spec.volumes);
  if (volumes.includes('*') || volumes.includes('hostPath')) at('privileged', `volumes allows ${volumes.includes('*') ? '*' : 'hostPath'}`);
  else if (volumes.some((v) => !allowedVolumeTypes.has(v))) at('baseline', `volumes allows ${volumes.filter((v) => !allowedVolumeTypes.has(v)).join(', ')}`);
  if (strings(spec.allowedUnsafeSysctls).length) at('privileged', 'allowedUnsafeSysctls allows unsafe sysctls');
  if (strings(spec.allowedProcMountTypes).some((t) => t !== 'Default')) at('privileged', 'allowedProcMountTypes allows Unmasked');
  const selinux = record(spec.seLinux);
  const options = record(selinux.seLinuxOptions);
  if (selinux.rule === 'MustRunAs' && (options.user || options.role || (options.type && !selinuxTypes.has(String(options.type))))) at('privileged', 'seLinux sets a custom SELinux user, role or type');
  for (const [key, name] of [
    [seccompAllowed, 'seccomp'],
    [apparmorAllowed, 'AppArmor'],
  ] as const) {
    const level = profileLevel(annotations[key]);
    if (level === 'privileged') at('privileged', `the ${name} annotation allows other profiles than runtime/default and localhost/*`);
    else if (level === 'baseline' && name === 'seccomp') at('baseline', `the seccomp annotation allows no profile`);
  }
  if (spec.allowPrivilegeEscalation !== false) at('baseline', 'allowPrivilegeEscalation is not false');
  if (!strings(spec.requiredDropCapabilities).map(capabilityName).includes('ALL')) at('baseline', 'requiredDropCapabilities does not include ALL');
  if (record(spec.runAsUser).rule !== 'MustRunAsNonRoot') at('baseline', 'runAsUser.rule is not MustRunAsNonRoot');
  return out;
}

function tightenedBy(level: PodSecurityLevel, spec: Spec, annotations: Record<string, string>): string[] {
  const out: string[] = [];
  if (level === 'privileged') return out;
  if (record(spec.seLinux).rule !== 'MustRunAs') out.push('no custom SELinux user or role (the policy allowed any: seLinux RunAsAny)');
  if (level === 'restricted' && annotations[seccompAllowed] === undefined) out.push('a seccompProfile of RuntimeDefault or Localhost (the policy did not require one)');
  return out;
}

function mutationsOf(spec: Spec, annotations: Record<string, string>): string[] {
  const out: string[] = [];
  if (spec.defaultAllowPrivilegeEscalation === false || spec.allowPrivilegeEscalation === false) out.push('allowPrivilegeEscalation: false');
  const drop = strings(spec.requiredDropCapabilities);
  if (drop.length) out.push(`capabilities.drop: [${drop.join(', ')}]`);
  if (strings(spec.defaultAddCapabilities).length) out.push(`capabilities.add: [${strings(spec.defaultAddCapabilities).join(', ')}]`);
  if (record(spec.runAsUser).rule === 'MustRunAsNonRoot') out.push('runAsNonRoot: true');
  if (spec.readOnlyRootFilesystem === true) out.push('readOnlyRootFilesystem: true');
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup', 'supplementalGroups']) {
    const strategy = record(spec[key]);
    if (strategy.rule === 'MustRunAs' && Array.isArray(strategy.ranges) && strategy.ranges.length) out.push(`${key} (the policy defaulted it to the first range's minimum)`);
  }
  if (annotations[seccompDefault]) out.push(`seccompProfile (the policy defaulted ${annotations[seccompDefault]})`);
  return out;
}

export function analysePsp(spec: Spec, annotations: Record<string, string>): PspAnalysis {
  const found = checks(spec, annotations);
  let level: PodSecurityLevel = 'restricted';
  for (const [at] of found) if (rank[at] < rank[level]) level = at;
  const limits = found.filter(([at]) => at === level && level !== 'restricted').map(([, why]) => why);
  return { level, limits, tightened: tightenedBy(level, spec, annotations), mutations: mutationsOf(spec, annotations) };
}

export function atLeast(level: PodSecurityLevel, than: PodSecurityLevel): boolean {
  return rank[level] >= rank[than];
}
