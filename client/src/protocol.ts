// The client's half of the kube-harden protocol contract: method names and payload shapes of the
// custom requests and notification the language server implements. Types only, so the client
// never needs the server's code to talk to it.

import type { Position, Range, WorkspaceEdit } from 'vscode-languageclient/node';

export const hardenMethod = 'kubeHarden/harden';
export const listRulesMethod = 'kubeHarden/listRules';
export const statusMethod = 'kubeHarden/status';

export interface HardenParams {
  textDocument: { uri: string };
  /** The cursor: harden the workload under it. Absent: harden every workload of the file. */
  position?: Position;
}

export interface CannotFix {
  ruleId: string;
  message: string;
  range: Range;
}

export interface HardenResult {
  /** Null when nothing needs to change (the workloads already pass the restricted level). */
  edit: WorkspaceEdit | null;
  workloads: string[];
  cannotFix: CannotFix[];
  message: string;
}

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  category: string;
  severity: string;
  level: string | null;
  check: string | null;
  fix: string;
  docsUrl: string;
  enabled: boolean;
}

export interface ListRulesResult {
  rules: RuleInfo[];
}

export interface StatusParams {
  uri: string;
  level: string;
  kubernetesVersion: string;
  errors: number;
  warnings: number;
  infos: number;
  total: number;
  /** False when the file holds no Kubernetes resource (or was skipped, e.g. a Helm template). */
  checked: boolean;
}
