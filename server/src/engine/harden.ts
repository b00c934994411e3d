// "Harden this pod": make one workload (or every workload of a file) pass the restricted level at
// the target version by composing the safe fixes of the Pod Security rules. What restricted forbids
// but no fix can safely remove (a hostPath volume, hostNetwork) stays and is named in the result.

import { Config } from './config';
import { fixAll, FixAllResult } from './fix-all';
import { parseManifest } from './parse';
import { resourcesOf } from './resources';
import { Finding, RuleDefinition } from './rule';
import { NamespacePolicies } from './namespaces';
import { fileAlone } from './runner';
import { workloadOf } from './workload';
import type { WorkspaceView } from './workspace/model';

export interface HardenOptions {
  config: Config;
  rules: readonly RuleDefinition[];
  /** The workspace whose Namespaces set the versions (the file alone when absent). */
  workspace?: WorkspaceView;
  /** Harden only the workload of the document that holds this offset; all workloads when absent. */
  offset?: number;
}

export interface HardenResult extends FixAllResult {
  /** The workloads hardened, as `Kind/name`. */
  workloads: string[];
  /** Restricted findings that were left in place because no safe fix exists. */
  cannotFix: Finding[];
}

export function harden(text: string, options: HardenOptions): HardenResult {
  const file = parseManifest(text);
  const targets = resourcesOf(file).filter((r) => {
    if (!workloadOf(r)) return false;
    if (options.offset === undefined) return true;
    const range = r.root.range!;
    return options.offset >= range[0] && options.offset <= range[2];
  });
  // Scoped by resource, not by document: the items of a `List` share one document.
  const key = (documentIndex: number, ref: { kind: string; name: string; namespace: string | null }) => `${documentIndex}|${ref.kind}|${ref.name}|${ref.namespace}`;
  const scope = new Set(targets.map((r) => key(r.document.index, r.ref)));
  // Harden always aims at restricted, whatever level the editor enforces, and ignores severities set to off.
  const config: Config = { ...options.config, podSecurityLevel: 'restricted', rules: {} };
  const rules = options.rules.filter((r) => r.meta.pss);
  const inScope = (f: Finding) => f.pss !== null && scope.has(key(f.documentIndex, f.resource));
  const base = options.workspace ?? fileAlone(file, resourcesOf(file), rules);
  const workspace: WorkspaceView = { ...base, namespacePolicies: () => restrictedOnly(base.namespacePolicies()) };
  const result = fixAll(text, { config, rules, workspace }, inScope);
  return {
    ...result,
    workloads: targets.map((r) => `${r.kind}/${r.name}`),
    cannotFix: result.remaining,
  };
}

/** Namespace labels keep their version but never lower the level below restricted for Harden. */
function restrictedOnly(namespaces: NamespacePolicies): NamespacePolicies {
  return new Map([...namespaces].map(([k, v]) => [k, { namespace: k, minor: v.minor, level: 'restricted' as const }]));
}
