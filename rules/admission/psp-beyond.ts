// What a PodSecurityPolicy enforced that its Pod Security level does not, each with the CEL
// expression of a ValidatingAdmissionPolicy validation that enforces it on pods (`variables.containers`
// is every container, init and ephemeral ones included), or none when no expression is written for it.

import { PodSecurityLevel } from '../../server/src/engine';
import { allowedVolumeTypes } from '../pod-security/restricted-volume-types';
import { baselineCapabilities } from '../pod-security/capabilities';
import { atLeast, record, Spec, strings } from './psp-level';

export interface Constraint {
  /** The policy's field. */
  field: string;
  /** What it required, for people. */
  text: string;
  /** A CEL expression true for pods that comply; undefined when the migration writes none. */
  expression?: string;
}

const sc = (of: string) => `has(${of}.securityContext)`;
/** `has(c.securityContext.x) && <test>` for every container; `pass` when the field is unset. */
const eachContainer = (field: string, test: string, pass: boolean) =>
  `variables.containers.all(c, ${pass ? `!${sc('c')} || !has(c.securityContext.${field}) || ` : `${sc('c')} && has(c.securityContext.${field}) && `}${test})`;
const list = (values: readonly string[]) => `[${values.map((v) => `'${v.replace(/['\\]/g, '\\$&')}'`).join(', ')}]`;

function ranges(value: unknown): Array<[number, number]> {
  if (!Array.isArray(value)) return [];
  return value.map(record).flatMap((r) => (typeof r.min === 'number' && typeof r.max === 'number' ? [[r.min, r.max] as [number, number]] : []));
}

const inRanges = (x: string, rs: Array<[number, number]>) => rs.map(([min, max]) => `(${x} >= ${min} && ${x} <= ${max})`).join(' || ');
const rangesText = (rs: Array<[number, number]>) => rs.map(([min, max]) => `${min}-${max}`).join(', ');

function idRanges(spec: Spec): Constraint[] {
  const out: Constraint[] = [];
  const pod = 'object.spec.securityContext';
  const strategy = (key: string) => record(spec[key]);
  for (const key of ['runAsUser', 'runAsGroup']) {
    const rs = ranges(strategy(key).ranges);
    if (!['MustRunAs', 'MayRunAs'].includes(String(strategy(key).rule)) || rs.length === 0) continue;
    const podOk = `!has(object.spec.securityContext) || !has(${pod}.${key}) || ${inRanges(`${pod}.${key}`, rs)}`;
    out.push({ field: `${key}.ranges`, text: `${key} within ${rangesText(rs)}`, expression: `(${podOk}) && ${eachContainer(key, inRanges(`c.securityContext.${key}`, rs), true)}` });
  }
  const fs = ranges(strategy('fsGroup').ranges);
  if (fs.length)
    out.push({ field: 'fsGroup.ranges', text: `fsGroup within ${rangesText(fs)}`, expression: `!has(object.spec.securityContext) || !has(${pod}.fsGroup) || ${inRanges(`${pod}.fsGroup`, fs)}` });
  const sg = ranges(strategy('supplementalGroups').ranges);
  if (sg.length)
    out.push({
      field: 'supplementalGroups.ranges',
      text: `supplementalGroups within ${rangesText(sg)}`,
      expression: `!has(object.spec.securityContext) || !has(${pod}.supplementalGroups) || ${pod}.supplementalGroups.all(g, ${inRanges('g', sg)})`,
    });
  return out;
}

function capabilities(spec: Spec, level: PodSecurityLevel): Constraint[] {
  const out: Constraint[] = [];
  const drop = strings(spec.requiredDropCapabilities).map((c) => c.toUpperCase());
  const dropCovered = level === 'restricted' || drop.length === 0;
  if (!dropCovered) {
    const test = `c.securityContext.capabilities.drop.exists(d, d == 'ALL') || ${list(drop)}.all(r, c.securityContext.capabilities.drop.exists(d, d == r))`;
    out.push({
      field: 'requiredDropCapabilities',
      text: `containers drop ${drop.join(', ')}`,
      expression: `variables.containers.all(c, has(c.securityContext) && has(c.securityContext.capabilities) && has(c.securityContext.capabilities.drop) && (${test}))`,
    });
  }
  // Without allowedCapabilities a policy let containers add none but its defaults.
  const allowed = [...strings(spec.allowedCapabilities), ...strings(spec.defaultAddCapabilities)].map((c) => c.toUpperCase().replace(/^CAP_/, ''));
  if (allowed.includes('*')) return out;
  // What the level lets containers add: anything when privileged, a list of thirteen at baseline, NET_BIND_SERVICE at restricted.
  if (level === 'restricted' && allowed.includes('NET_BIND_SERVICE')) return out;
  if (level === 'baseline' && [...baselineCapabilities].every((c) => allowed.includes(c))) return out;
  const add = 'c.securityContext.capabilities.add';
  out.push({
    field: 'allowedCapabilities',
    text: allowed.length ? `containers add only ${allowed.join(', ')}` : 'containers add no capability',
    expression: `variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.capabilities) || !has(${add}) || ${allowed.length ? `${add}.all(a, a in ${list(allowed)})` : `size(${add}) == 0`})`,
  });
  return out;
}

/** Volume types every level allows besides the restricted ones (for a list stricter than baseline). */
const otherVolumeTypes = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'iscsi',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
];

function volumes(spec: Spec, level: PodSecurityLevel): Constraint[] {
  const types = strings(spec.volumes);
  if (types.includes('*')) return [];
  // `image` volumes came after PodSecurityPolicy was removed: no policy decided about them.
  const restrictedTypes = [...allowedVolumeTypes].filter((t) => t !== 'image');
  const levelAllows = level === 'restricted' ? restrictedTypes : [...restrictedTypes, ...otherVolumeTypes, ...(level === 'privileged' ? ['hostPath'] : [])];
  if (levelAllows.every((t) => types.includes(t))) return [];
  const expression = types.length
    ? `!has(object.spec.volumes) || object.spec.volumes.all(v, ${types.map((t) => `has(v.${t})`).join(' || ')})`
    : '!has(object.spec.volumes) || size(object.spec.volumes) == 0';
  return [{ field: 'volumes', text: types.length ? `volumes only of the types ${types.join(', ')}` : 'no volumes', expression }];
}

function hostAccess(spec: Spec): Constraint[] {
  const out: Constraint[] = [];
  const paths = Array.isArray(spec.allowedHostPaths) ? spec.allowedHostPaths.map(record) : [];
  const prefixes = paths.map((p) => p.pathPrefix).filter((p): p is string => typeof p === 'string');
  if (prefixes.length && strings(spec.volumes).some((t) => t === 'hostPath' || t === '*')) {
    out.push({
      field: 'allowedHostPaths',
      text: `hostPath volumes only under ${prefixes.join(', ')}`,
      expression: `!has(object.spec.volumes) || object.spec.volumes.all(v, !has(v.hostPath) || ${list(prefixes)}.exists(p, v.hostPath.path == p || v.hostPath.path.startsWith(p + '/')))`,
    });
    if (paths.some((p) => p.readOnly === true)) out.push({ field: 'allowedHostPaths.readOnly', text: 'read-only mounts of those host paths (not written as CEL: it needs the mounts of each volume)' });
  }
  const ports = ranges(Array.isArray(spec.hostPorts) ? spec.hostPorts.map((r) => ({ min: record(r).min, max: record(r).max })) : []);
  if (ports.length)
    out.push({
      field: 'hostPorts',
      text: `host ports within ${rangesText(ports)}`,
      expression: `variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0 || ${inRanges('p.hostPort', ports)}))`,
    });
  return out;
}

/** Baseline's own checks, which a privileged level drops although the policy kept some of them. */
function baselineKept(spec: Spec, level: PodSecurityLevel): Constraint[] {
  if (level !== 'privileged') return [];
  const out: Constraint[] = [];
  if (spec.privileged !== true) out.push({ field: 'privileged', text: 'no privileged container', expression: eachContainer('privileged', '!c.securityContext.privileged', true) });
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[key] !== true) out.push({ field: key, text: `no ${key}`, expression: `!has(object.spec.${key}) || !object.spec.${key}` });
  return out;
}

function restrictedKept(spec: Spec, level: PodSecurityLevel): Constraint[] {
  if (atLeast(level, 'restricted')) return [];
  const out: Constraint[] = [];
  if (spec.allowPrivilegeEscalation === false)
    out.push({
      field: 'allowPrivilegeEscalation',
      text: 'allowPrivilegeEscalation: false',
      expression: eachContainer('allowPrivilegeEscalation', '!c.securityContext.allowPrivilegeEscalation', false),
    });
  if (record(spec.runAsUser).rule === 'MustRunAsNonRoot') {
    const pod = 'has(object.spec.securityContext) && has(object.spec.securityContext.runAsNonRoot) && object.spec.securityContext.runAsNonRoot';
    out.push({
      field: 'runAsUser',
      text: 'runAsNonRoot: true',
      expression: `variables.containers.all(c, has(c.securityContext) && has(c.securityContext.runAsNonRoot) ? c.securityContext.runAsNonRoot : (${pod}))`,
    });
  }
  return out;
}

function others(spec: Spec): Constraint[] {
  const out: Constraint[] = [];
  if (spec.readOnlyRootFilesystem === true)
    out.push({ field: 'readOnlyRootFilesystem', text: 'a read-only root filesystem', expression: eachContainer('readOnlyRootFilesystem', 'c.securityContext.readOnlyRootFilesystem', false) });
  const forbidden = strings(spec.forbiddenSysctls);
  if (forbidden.length) {
    const match = forbidden.map((f) => (f === '*' ? 'true' : f.endsWith('*') ? `s.name.startsWith('${f.slice(0, -1)}')` : `s.name == '${f}'`)).join(' || ');
    out.push({
      field: 'forbiddenSysctls',
      text: `no sysctl ${forbidden.join(', ')}`,
      expression: `!has(object.spec.securityContext) || !has(object.spec.securityContext.sysctls) || object.spec.securityContext.sysctls.all(s, !(${match}))`,
    });
  }
  const drivers = Array.isArray(spec.allowedCSIDrivers) ? spec.allowedCSIDrivers.map((d) => record(d).name).filter((n): n is string => typeof n === 'string') : [];
  if (drivers.length)
    out.push({
      field: 'allowedCSIDrivers',
      text: `CSI drivers ${drivers.join(', ')}`,
      expression: `!has(object.spec.volumes) || object.spec.volumes.all(v, !has(v.csi) || v.csi.driver in ${list(drivers)})`,
    });
  const flex = Array.isArray(spec.allowedFlexVolumes) ? spec.allowedFlexVolumes.map((d) => record(d).driver).filter((n): n is string => typeof n === 'string') : [];
  if (flex.length)
    out.push({
      field: 'allowedFlexVolumes',
      text: `flexVolume drivers ${flex.join(', ')}`,
      expression: `!has(object.spec.volumes) || object.spec.volumes.all(v, !has(v.flexVolume) || v.flexVolume.driver in ${list(flex)})`,
    });
  const classes = strings(record(spec.runtimeClass).allowedRuntimeClassNames);
  if (classes.length && !classes.includes('*'))
    out.push({ field: 'runtimeClass', text: `runtime classes ${classes.join(', ')}`, expression: `!has(object.spec.runtimeClassName) || object.spec.runtimeClassName in ${list(classes)}` });
  const selinux = record(record(spec.seLinux).seLinuxOptions);
  if (record(spec.seLinux).rule === 'MustRunAs' && Object.keys(selinux).length)
    out.push({ field: 'seLinux', text: 'the SELinux options it set (not written as CEL: the policy assigned them to pods)' });
  return out;
}

/** Everything the policy enforced that the level leaves out. */
export function beyondLevel(spec: Spec, level: PodSecurityLevel): Constraint[] {
  return [...others(spec), ...capabilities(spec, level), ...volumes(spec, level), ...idRanges(spec), ...hostAccess(spec), ...baselineKept(spec, level), ...restrictedKept(spec, level)];
}
