// What a rule is: metadata that documents it, and a pure `check` that reports findings on nodes.
// Rules see Kubernetes objects through the context and never touch the editor or the protocol.

import { Node } from 'yaml';
import { ParsedFile } from './parse';
import { Resource, ResourceRef } from './resources';
import { Workload } from './workload';
import type { Fact, FactExtractor, SourceRef } from './workspace/facts';
import type { WorkspaceView } from './workspace/model';
import type { Config } from './config';
import type { ComplianceRefs } from './compliance';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export type FixKind = 'safe' | 'suggestion' | 'none';
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** A minimal text edit on the file's text. */
export interface Edit {
  offset: number;
  length: number;
  text: string;
}

/** A fix is a pure function of the parsed file the finding came from. */
export type Fix = (file: ParsedFile) => Edit[];

/**
 * A change to another file that a suggestion makes besides its edits of the manifest: a new file,
 * or text appended to a file (created when missing). `path` is relative to the manifest's folder,
 * with forward slashes. Only suggestions may touch other files; safe fixes never do.
 */
export interface FileChange {
  path: string;
  mode: 'create' | 'append';
  text: string;
  /** For `append`: skip when every line of `text` is already a line of the file (a `.gitignore` entry). */
  once?: boolean;
  /**
   * For `append` to a file that exists: edits of its current text to make instead (a key added to a
   * Secret it already holds); undefined appends `text` as usual.
   */
  merge?: (current: string) => Edit[] | undefined;
}

export type FileChanges = (file: ParsedFile) => FileChange[];

/** Where a file stands with git, as the edge (server, CLI) found it; `unknown` when it could not ask. */
export type GitState = 'tracked' | 'ignored' | 'untracked' | 'no-repository' | 'unknown';

/**
 * For a suggestion that writes a secret value into another file: the files it may write it into, by
 * preference (paths as in FileChange), and its title and changes once the edge knows where each of
 * them stands with git. Rules do no IO, so asking git is the edge's part; `undefined` withdraws the
 * suggestion. Without an edge that asks, the suggestion's own `title` and `files` apply.
 */
export interface Placement {
  candidates: readonly string[];
  choose(states: readonly GitState[]): { title: string; files: FileChange[] } | undefined;
}

export interface Suggestion {
  title: string;
  fix: Fix;
  files?: FileChanges;
  place?: Placement;
  /**
   * The editor shows what the suggestion adds once applied: the largest text it inserts into the
   * manifest, or the first file it writes when it writes others (an object the user should see).
   */
  reveal?: boolean;
}

export interface PodSecurityMeta {
  /** The Pod Security Admission check id, e.g. `allowPrivilegeEscalation`. */
  check: string;
  level: 'baseline' | 'restricted';
  /** The versions at which the check's behaviour changed; the first is when it starts to apply. */
  versions: readonly string[];
  /** The baseline check this restricted check replaces, and from which version. */
  overrides?: { check: string; from: string };
}

/** What a workspace rule reads: an extractor's facts, or the resources of a kind (by its name). */
export type WorkspaceRead = FactExtractor | string;

/** The same check in the scanners people compare us with, by their ids. */
export interface PeerEquivalents {
  /** Trivy's misconfiguration ids, `KSV-NNNN`. */
  trivy?: readonly string[];
  /** Checkov's Kubernetes checks, `CKV_K8S_NN`. */
  checkov?: readonly string[];
  kubeLinter?: readonly string[];
  polaris?: readonly string[];
  /** Kubescape's controls, `C-NNNN`. */
  kubescape?: readonly string[];
}

export interface RuleMeta<M extends string = string> {
  title: string;
  /** One or two sentences ending with a period. */
  description: string;
  category: string;
  severity: Severity;
  /** The peer checks this rule matches, or `'none'` when no peer has one. */
  equivalents: PeerEquivalents | 'none';
  /** The CIS Benchmark and NSA/CISA guide controls the check serves, or `'none'` when none matches. */
  compliance: ComplianceRefs | 'none';
  /** `workload` expands to every kind with a pod template. */
  kinds: 'workload' | readonly string[];
  /**
   * `workspace` rules read `ctx.workspace` (facts of every manifest of the workspace); the server
   * re-checks them when a fact they read changes.
   */
  scope: 'document' | 'workspace';
  /** For `workspace` rules: the facts they read (extractors, and resource kinds by name). */
  reads?: readonly WorkspaceRead[];
  /**
   * False for rules that are off unless a setting gives them a severity (`kubeHarden.rules` or
   * `.kube-harden.yaml` `rules: {<id>: warning}`); `meta.severity` is then only the suggested one.
   */
  enabledByDefault?: boolean;
  fix: FixKind;
  /** Message templates by id, with `{placeholder}`s; a report's `messageId` must be one of them. */
  messages: Record<M, string>;
  /** Markdown the hover shows under a finding's message: what to do about it, in a sentence or two. */
  hint?: string;
  pss?: PodSecurityMeta;
}

export interface Report<M extends string = string> {
  node: Node;
  /** A narrower range inside the node's, `[start, end)` offsets: one character of a scalar. */
  within?: readonly [number, number];
  messageId: M;
  data?: Record<string, string | number>;
  /**
   * The finding's own severity, for a rule whose findings carry one (an admission policy's
   * validationActions); a severity the user sets for the rule still wins.
   */
  severity?: Severity;
  /** A safe fix: goes into fix-all and "Harden". */
  fix?: Fix;
  /** Fixes that carry a choice or a risk: offered one at a time, never applied in bulk. */
  suggestions?: Suggestion[];
  /**
   * For a restricted rule that replaces a baseline check: the value breaks that baseline check too,
   * so the finding takes the baseline rule's severity and suppressions and reports level baseline.
   */
  breaksBaseline?: boolean;
  /**
   * The finding is one step milder than the rule's severity (warning → info): the rule's lesser case,
   * rated below its main one whatever severity the user gives the rule.
   */
  milder?: boolean;
  /**
   * Another node whose line a `# kube-harden-ignore` comment may stand above: the container's name
   * for a field missing from a container reported on its `securityContext`, so that a comment above
   * the container keeps working.
   */
  commentAnchor?: Node;
}

export interface RuleContext<M extends string = string> {
  file: ParsedFile;
  resource: Resource;
  /** Present for every kind that carries a pod template. */
  workload: Workload | undefined;
  /** The Kubernetes minor version the resource is checked against. */
  minor: number;
  level: PodSecurityLevel;
  /** True when the target version is `version` or newer. */
  atLeast(version: string): boolean;
  /** The configuration in force for the file (settings under `.kube-harden.yaml`). */
  config: Config;
  /** The workspace's facts, this file's from its current text. */
  workspace: WorkspaceView;
  /**
   * True when the resource is a fragment merged into one declared elsewhere (a patch): a field it
   * leaves out is not known, so a rule reports only values it sets, never a missing field, and the
   * resource is no workload or policy of its own.
   */
  partial: boolean;
  /** What an extractor declares about this resource (as the workspace model holds it for this file). */
  facts<T extends Fact>(extractor: FactExtractor<T>): T[];
  report(report: Report<M>): void;
}

export interface RuleDefinition<M extends string = string> {
  id: string;
  meta: RuleMeta<M>;
  /** Titles of the safe fix, by message id; a default is derived from the message otherwise. */
  fixTitles?: Partial<Record<M, string>>;
  check(ctx: RuleContext<M>): void;
}

/** Types a rule: its message ids (the keys of `meta.messages`) are the only ones it may report or title. */
export function defineRule<M extends string>(rule: RuleDefinition<M>): RuleDefinition<M> {
  return rule;
}

/** What a family's hover reads: the resource under the cursor and the workspace. */
export interface HoverContext {
  file: ParsedFile;
  resource: Resource;
  workspace: WorkspaceView;
  /** What an extractor declares about this resource. */
  facts<T extends Fact>(extractor: FactExtractor<T>): T[];
  /** A Markdown reference to where a fact was declared: `this file, line N`, or a link to the other file. */
  link(at: SourceRef): string;
}

/**
 * A family's contribution to the hover of a resource, besides its findings (the network family shows
 * the policies that select a workload). Returns Markdown and the node it is about, or nothing.
 */
export interface HoverProvider {
  family: string;
  hover(ctx: HoverContext, offset: number): { markdown: string; node: Node } | undefined;
}

/** What a family's go-to-definition reads: the hover's context, without links. */
export type DefinitionContext = Omit<HoverContext, 'link'>;

/**
 * A family's contribution to go-to-definition: the places that the node under the cursor refers to
 * (the profile file a `localhostProfile` names), from the workspace's facts, or nothing.
 */
export interface DefinitionProvider {
  family: string;
  definition(ctx: DefinitionContext, offset: number): { node: Node; targets: SourceRef[] } | undefined;
}

export interface Finding {
  ruleId: string;
  category: string;
  severity: Severity;
  message: string;
  messageId: string;
  offset: number;
  length: number;
  resource: ResourceRef;
  pss: { check: string; level: 'baseline' | 'restricted' } | null;
  documentIndex: number;
  /** The rule's peer equivalents (empty when no peer has the check). */
  equivalents: PeerEquivalents;
  /** The rule's compliance references (empty when it has none). */
  compliance: ComplianceRefs;
  /** For an `internal-error` finding: the rule that threw instead of checking the resource. */
  failedRule?: string;
  fix?: { title: string; apply: Fix };
  suggestions: Array<{ title: string; apply: Fix; files?: FileChanges; place?: Placement; reveal?: boolean }>;
}

/**
 * The order of a file's findings: by offset, then rule id. Ids are compared by code unit, which
 * orders ids of lower-case letters, digits and dashes as localeCompare does, without ICU's
 * collator: loading it took 3 MB of the server's memory.
 */
export function inFileOrder(a: Finding, b: Finding): number {
  return a.offset - b.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

const peerNames: Record<keyof PeerEquivalents, string> = { trivy: 'Trivy', checkov: 'Checkov', kubeLinter: 'kube-linter', polaris: 'Polaris', kubescape: 'Kubescape' };

/** "Trivy KSV-0017; Checkov CKV_K8S_16; …", or '' when no peer has the check. */
export function equivalentsText(equivalents: PeerEquivalents | 'none'): string {
  if (equivalents === 'none') return '';
  return (Object.keys(peerNames) as Array<keyof PeerEquivalents>)
    .filter((peer) => equivalents[peer]?.length)
    .map((peer) => `${peerNames[peer]} ${equivalents[peer]!.join(', ')}`)
    .join('; ');
}
