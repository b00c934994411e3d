// The seccomp profile files of the workspace, as a small fact each (where its `defaultAction` is and
// a summary of what it allows), and the link from a manifest's `localhostProfile` to one of them.
// The kubelet reads `<seccomp root>/<localhostProfile>` on the node; a repository keeps the file
// anywhere, so a file is the profile when its path ends with the localhostProfile's segments.

import { defineFacts, Fact, isSet, known, securityContextOwners, unknowable } from '../../server/src/engine';
import type { Node, Workload } from '../../server/src/engine';
import { allowedSyscalls, allowing, defaultRefusal, isAllowList, Profile, profileKind, profileOf } from './seccomp-profile';

export interface ProfileFileFact extends Fact {
  defaultAction: string;
  allowList: boolean;
  /** How many syscalls it lets run (some perhaps only with certain arguments). */
  allowed: number;
  /** How many of them the runtime default refuses to a container without capabilities. */
  beyondDefault: number;
  /** An allow-list without execve, memory mapping or exit: no process can start under it. */
  tooNarrow: boolean;
}

/** Each group: a process cannot start and end without one of these. */
export const needed: ReadonlyArray<{ names: readonly string[]; why: string }> = [
  { names: ['execve', 'execveat'], why: 'the runtime executes the container process under the profile' },
  { names: ['mmap', 'mmap2', 'brk'], why: 'every process maps memory' },
  { names: ['exit_group', 'exit'], why: 'every process exits' },
];

/** The groups of `needed` an allow-list has none of. */
export function missingGroups(profile: Profile, allowed: ReadonlySet<string> = allowedSyscalls(profile)): typeof needed {
  return isAllowList(profile) ? needed.filter((group) => !group.names.some((name) => allowed.has(name))) : [];
}

/** The syscalls the profile allows that the runtime default refuses, as seccomp-profile-weaker-than-default counts them. */
function beyondDefault(profile: Profile, allowed: ReadonlySet<string>): number {
  if (isAllowList(profile)) {
    const names = profile.rules.filter((r) => r.action && allowing.has(r.action) && r.capabilities.length === 0).flatMap((r) => r.names.map((n) => n.name));
    return new Set(names.filter((name) => defaultRefusal(name))).size;
  }
  return [...allowed].filter((name) => defaultRefusal(name) !== undefined).length;
}

export const profileFiles = defineFacts<ProfileFileFact>({
  id: 'runtime.seccompProfileFile',
  kinds: [profileKind],
  extract: (resource, ctx) => {
    // The Security Profiles Operator's custom resource is also a `SeccompProfile`, with an apiVersion.
    if (resource.apiVersion !== '') return [];
    const profile = profileOf(resource);
    const allowed = allowedSyscalls(profile);
    return [
      {
        at: ctx.at(profile.defaultNode),
        defaultAction: profile.defaultAction,
        allowList: isAllowList(profile),
        allowed: allowed.size,
        beyondDefault: beyondDefault(profile, allowed),
        tooNarrow: missingGroups(profile, allowed).length > 0,
      },
    ];
  },
  namespaceOf: () => '*',
});

const segments = (path: string) => path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');

/**
 * The relative form of a localhostProfile that can name a file: as written, or an absolute path
 * without the seccomp root or leading slashes (what seccomp-localhost-profile's fix writes).
 * Undefined for an empty value or one with a `..` step, which names no file the kubelet reads.
 */
export function profilePath(value: string): string[] | undefined {
  const path = value.trim().replace(/^\/var\/lib\/kubelet\/seccomp\//, '');
  const parts = segments(path);
  return parts.length === 0 || parts.includes('..') ? undefined : parts;
}

/** How many leading segments two paths share. */
function shared(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The profile file a localhostProfile names: the files whose path ends with its segments. Several
 * may (one copy per environment): the nearest to the manifest wins — the most leading folders in
 * common with it, then the shortest path, then the first by name — so that the choice is stable.
 */
export function matchProfile(value: string, manifest: string, files: readonly ProfileFileFact[]): ProfileFileFact | undefined {
  const wanted = profilePath(value);
  if (!wanted) return undefined;
  const from = segments(manifest).slice(0, -1);
  let best: { fact: ProfileFileFact; near: number; length: number } | undefined;
  for (const fact of files) {
    const parts = segments(fact.at.file);
    if (parts.length < wanted.length || wanted.some((s, i) => parts[parts.length - wanted.length + i] !== s)) continue;
    const near = shared(from, parts);
    const better = !best || near > best.near || (near === best.near && (parts.length < best.length || (parts.length === best.length && fact.at.file < best.fact.at.file)));
    if (better) best = { fact, near, length: parts.length };
  }
  return best?.fact;
}

export interface LocalhostProfileRef {
  /** `pod` or `container "name"`. */
  owner: string;
  node: Node;
  value: string;
  /** `type: Localhost` is set beside it (the kubelet reads the file only then). */
  localhost: boolean;
}

/** The localhostProfile values a workload sets, pod and containers, that are known strings. */
export function localhostProfiles(w: Workload): LocalhostProfileRef[] {
  const out: LocalhostProfileRef[] = [];
  for (const o of securityContextOwners(w)) {
    const node = o.get(['securityContext', 'seccompProfile', 'localhostProfile']);
    if (!isSet(node) || unknowable(node) || typeof known(node) !== 'string') continue;
    const localhost = known(o.get(['securityContext', 'seccompProfile', 'type'])) === 'Localhost';
    out.push({ owner: o.label, node, value: known(node) as string, localhost });
  }
  return out;
}

/** The Markdown summary of a profile file, as the hover on its `defaultAction` tells it. */
export function summaryOf(fact: ProfileFileFact, runtimeDefault: number): string {
  const kind = fact.allowList ? `an allow-list: it lets ${fact.allowed} syscall(s) run` : `a deny-list: it lets ${fact.allowed} syscall(s) run, every one it does not refuse`;
  const notes = [`${kind}; the container runtime's default profile lets ${runtimeDefault} run.`];
  if (fact.beyondDefault > 0) notes.push(`It allows ${fact.beyondDefault} syscall(s) the runtime default refuses: weaker than \`RuntimeDefault\`.`);
  if (fact.tooNarrow) notes.push('No process can start under it: it allows no execve, memory mapping or exit.');
  return notes.join(' ');
}

/** The path of `file` from the folder of `from`, with forward slashes (`../profiles/audit.json`). */
export function relativePath(from: string, file: string): string {
  const a = segments(from).slice(0, -1);
  const b = segments(file);
  const common = shared(a, b);
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

/** The localhostProfile under the cursor in a workload, and the profile file it names. */
export function profileAt(w: Workload, offset: number, manifest: string, files: readonly ProfileFileFact[]): { ref: LocalhostProfileRef; fact: ProfileFileFact } | undefined {
  if (files.length === 0) return undefined;
  for (const ref of localhostProfiles(w)) {
    const range = ref.node.range;
    if (!range || offset < range[0] || offset > range[1]) continue;
    const fact = matchProfile(ref.value, manifest, files);
    return fact ? { ref, fact } : undefined;
  }
  return undefined;
}
