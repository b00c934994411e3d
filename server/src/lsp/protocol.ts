// The server's own protocol on top of LSP: custom requests, the status notification, command ids
// and code-action kinds. The VS Code client implements the same names on its side.

import { Position, Range, RequestType, RequestType0, NotificationType, WorkspaceEdit } from 'vscode-languageserver';

export const commands = {
  /** [uri, position?]: hardens and applies through `workspace/applyEdit`, for clients other than VS Code. */
  harden: 'kubeHarden.server.harden',
  /** [url]: opens a rule's documentation with `window/showDocument`. */
  showDocumentation: 'kubeHarden.server.showDocumentation',
} as const;

export const codeActionKinds = {
  fixAll: 'source.fixAll.kubeHarden',
  harden: 'refactor.rewrite.kubeHarden',
} as const;

export interface HardenParams {
  textDocument: { uri: string };
  /** Only the workload under this position; every workload of the file when absent. */
  position?: Position;
}

export interface CannotFix {
  ruleId: string;
  message: string;
  /** Where the finding stands in the text as it is after `edit` is applied. */
  range: Range;
}

export interface HardenResult {
  edit: WorkspaceEdit | null;
  /** The workloads hardened, as `Kind/name`. */
  workloads: string[];
  cannotFix: CannotFix[];
  /** One line for people: what was done and what was left in place. */
  message: string;
}

export const HardenRequest = new RequestType<HardenParams, HardenResult, void>('kubeHarden/harden');

export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  category: string;
  severity: string;
  level: 'baseline' | 'restricted' | null;
  check: string | null;
  fix: 'safe' | 'suggestion' | 'none';
  docsUrl: string;
  enabled: boolean;
}

export const ListRulesRequest = new RequestType0<{ rules: RuleInfo[] }, void>('kubeHarden/listRules');

export interface StatusParams {
  uri: string;
  level: string;
  kubernetesVersion: string;
  errors: number;
  warnings: number;
  infos: number;
  total: number;
  /** False for files that are not Kubernetes manifests, were skipped, or when kube-harden is disabled. */
  checked: boolean;
}

export const StatusNotification = new NotificationType<StatusParams>('kubeHarden/status');
