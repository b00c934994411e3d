// "Harden this workload": make one workload (or every workload of a file) pass the restricted level at
// the target version by composing the safe fixes of the Pod Security rules. What restricted forbids
// but no fix can safely remove (a hostPath volume, hostNetwork) stays and is named in the result.
// Only the YAML documents that hold the workloads are fixed and re-analysed: hardening one
// Deployment of a 2 MB install manifest must not re-parse its CRDs.

import { Config } from './config';
import { fixAll, FixAllResult } from './fix-all';
import { documentRanges, ParsedFile, parseManifest, splittable } from './parse';
import { Resource, resourcesOf } from './resources';
import { Edit, Finding, RuleDefinition } from './rule';
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
  /** The text already parsed (the editor's analysis), so it is not parsed again; only read. */
  file?: ParsedFile;
}

export interface HardenResult extends Omit<FixAllResult, 'edits'> {
  /** Non-overlapping edits from the original text to the final one, one per document changed. */
  edits: Edit[];
  /** The workloads hardened, as `Kind/name`. */
  workloads: string[];
  /** Restricted findings that were left in place because no safe fix exists. */
  cannotFix: Finding[];
}

/** Scoped by resource, not by document: the items of a `List` share one document. */
const key = (documentIndex: number, ref: { kind: string; name: string; namespace: string | null }) => `${documentIndex}|${ref.kind}|${ref.name}|${ref.namespace}`;

export function harden(text: string, options: HardenOptions): HardenResult {
  const file = options.file?.text === text ? options.file : parseManifest(text);
  const resources = resourcesOf(file);
  const targets = resources.filter((r) => {
    if (!workloadOf(r)) return false;
    if (options.offset === undefined) return true;
    const range = r.root.range!;
    return options.offset >= range[0] && options.offset <= range[2];
  });
  const scope = new Set(targets.map((r) => key(r.document.index, r.ref)));
  // Harden always aims at restricted, whatever level the editor enforces, and ignores severities set to off.
  const config: Config = { ...options.config, podSecurityLevel: 'restricted', rules: {} };
  const rules = options.rules.filter((r) => r.meta.pss);
  const base = options.workspace ?? fileAlone(file, resources, rules);
  const workspace: WorkspaceView = { ...base, namespacePolicies: () => restrictedOnly(base.namespacePolicies()) };

  const result: HardenResult = { text, edits: [], rounds: 0, remaining: [], workloads: targets.map((r) => `${r.kind}/${r.name}`), cannotFix: [] };
  const parts: string[] = [];
  let at = 0;
  let delta = 0;
  for (const piece of piecesOf(file, targets)) {
    // Document indexes inside a piece count from its first document.
    const inScope = (f: Finding) => f.pss !== null && scope.has(key(f.documentIndex + piece.firstDocument, f.resource));
    const fixed = fixAll(text.slice(piece.start, piece.end), { config, rules, workspace }, inScope);
    const shift = piece.start + delta;
    result.rounds = Math.max(result.rounds, fixed.rounds);
    result.edits.push(...fixed.edits.map((e) => ({ ...e, offset: e.offset + piece.start })));
    result.remaining.push(...fixed.remaining.map((f) => ({ ...f, offset: f.offset + shift, documentIndex: f.documentIndex + piece.firstDocument })));
    parts.push(text.slice(at, piece.start), fixed.text);
    at = piece.end;
    delta += fixed.text.length - (piece.end - piece.start);
  }
  if (result.edits.length > 0) result.text = parts.join('') + text.slice(at);
  result.cannotFix = result.remaining;
  return result;
}

interface Piece {
  start: number;
  end: number;
  /** The index in the file of the first document parsed from this piece. */
  firstDocument: number;
}

/** The slices of the text (YAML documents as parseManifest splits them) that hold the targets, in order. */
function piecesOf(file: ParsedFile, targets: readonly Resource[]): Piece[] {
  if (targets.length === 0) return [];
  if (!splittable(file.text)) return [{ start: 0, end: file.text.length, firstDocument: 0 }];
  const starts = file.documents.map((d) => d.doc.range[0]);
  const pieces = documentRanges(file.text).map(([start, end]): Piece => ({ start, end, firstDocument: countBelow(starts, start) }));
  const firsts = pieces.map((p) => p.firstDocument);
  // A document belongs to the last piece whose first document is not after it.
  const chosen = new Set(targets.map((r) => countBelow(firsts, r.document.index + 1) - 1));
  return [...chosen].sort((a, b) => a - b).map((i) => pieces[i]);
}

/** How many of the ascending `values` are below `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Namespace labels keep their version but never lower the level below restricted for Harden. */
function restrictedOnly(namespaces: NamespacePolicies): NamespacePolicies {
  return new Map([...namespaces].map(([k, v]) => [k, { namespace: k, minor: v.minor, level: 'restricted' as const }]));
}
