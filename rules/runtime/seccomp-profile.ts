// A seccomp profile file as the container runtime reads it (the OCI runtime spec's `LinuxSeccomp`,
// with moby's extensions: `names` or the legacy `name`, `includes`/`excludes`, `archMap`): a JSON
// object whose `defaultAction` is an `SCMP_ACT_*` action. The kubelet hands the runtime a file under
// its seccomp root (`localhostProfile`); the runtime refuses one it cannot read, and the pod does
// not start. Recognised as a document kind of its own, so its rules run like any other.

import { asMap, deref, isMap, isSeq, nodeAt, registerDocumentKind, scalarValue } from '../../server/src/engine';
import type { Document, Node, Resource, YAMLMap } from '../../server/src/engine';
import { knownSyscalls, runtimeDefaultAllowed, runtimeDefaultByCapability } from './seccomp-data';

export const profileKind = 'SeccompProfile';

registerDocumentKind({
  kind: profileKind,
  files: { name: /\.json$/i, mayHold: (text) => /"defaultAction"\s*:\s*"SCMP_ACT_/.test(text) },
  anchorOf(doc: Document, root: YAMLMap) {
    const action = nodeAt(doc, root, ['defaultAction']);
    const value = scalarValue(action);
    return typeof value === 'string' && value.startsWith('SCMP_ACT_') ? action : undefined;
  },
});

export interface SyscallName {
  name: string;
  node: Node;
}

export interface SyscallRule {
  entry: YAMLMap;
  action: string | undefined;
  names: SyscallName[];
  /** Argument conditions or capability/architecture filters: the rule covers only some calls. */
  conditional: boolean;
  /** Applies only to containers holding one of these capabilities (`includes.caps`). */
  capabilities: string[];
}

export interface Profile {
  defaultAction: string;
  defaultNode: Node;
  rules: SyscallRule[];
}

/** Actions that let the syscall run. */
export const allowing = new Set(['SCMP_ACT_ALLOW', 'SCMP_ACT_LOG']);

export function profileOf(resource: Resource): Profile {
  const { doc, root } = resource;
  const rules: SyscallRule[] = [];
  const list = nodeAt(doc, root, ['syscalls']);
  for (const item of isSeq(list) ? list.items : []) {
    const entry = asMap(deref(doc, item));
    if (!entry) continue;
    const names: SyscallName[] = [];
    const many = nodeAt(doc, entry, ['names']);
    for (const n of isSeq(many) ? many.items : []) {
      const name = scalarValue(deref(doc, n));
      if (typeof name === 'string') names.push({ name, node: n as Node });
    }
    const one = nodeAt(doc, entry, ['name']);
    if (typeof scalarValue(one) === 'string') names.push({ name: scalarValue(one) as string, node: one! });
    const args = nodeAt(doc, entry, ['args']);
    const conditional = (isSeq(args) && args.items.length > 0) || isMap(nodeAt(doc, entry, ['includes'])) || isMap(nodeAt(doc, entry, ['excludes']));
    const action = scalarValue(nodeAt(doc, entry, ['action']));
    const caps = nodeAt(doc, entry, ['includes', 'caps']);
    const capabilities = (isSeq(caps) ? caps.items : []).map((c) => scalarValue(deref(doc, c))).filter((c): c is string => typeof c === 'string');
    rules.push({ entry, action: typeof action === 'string' ? action : undefined, names, conditional, capabilities });
  }
  return { defaultAction: scalarValue(resource.anchor) as string, defaultNode: resource.anchor, rules };
}

/** Whether some rule refuses (or kills, traps…) the syscalls it names. */
export const deniesAny = (profile: Profile) => profile.rules.some((r) => r.action !== undefined && !allowing.has(r.action) && r.names.length > 0);

/** An allow-list: what no rule allows is refused. */
export const isAllowList = (profile: Profile) => !allowing.has(profile.defaultAction);

/** The syscalls the profile lets run (some perhaps only with certain arguments). */
export function allowedSyscalls(profile: Profile): Set<string> {
  if (isAllowList(profile)) return new Set(profile.rules.filter((r) => r.action && allowing.has(r.action)).flatMap((r) => r.names.map((n) => n.name)));
  const denied = new Set(profile.rules.filter((r) => r.action && !allowing.has(r.action) && !r.conditional).flatMap((r) => r.names.map((n) => n.name)));
  return new Set(knownSyscalls.filter((name) => !denied.has(name)));
}

const defaultAllowed = new Set(runtimeDefaultAllowed);
/**
 * The runtime default refuses clone3 only because its flags cannot be filtered; the C library then
 * falls back to clone, which it does filter. Allowing clone3 opens nothing clone does not.
 */
const harmless = new Set(['clone3']);

/** Why the runtime default does not allow a syscall to every container, or undefined when it does. */
export function defaultRefusal(name: string): string | undefined {
  if (defaultAllowed.has(name) || harmless.has(name) || !knownSyscalls.includes(name)) return undefined;
  const caps = runtimeDefaultByCapability[name];
  return caps ? `only with ${caps.join(' or ')}` : 'never';
}

export const runtimeDefaultCount = runtimeDefaultAllowed.length;
