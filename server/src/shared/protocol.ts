// The kube-harden protocol on top of LSP, shared by the server and the VS Code client: method
// names, command ids, code-action kinds and payload shapes. Types and string constants only, so the
// client bundle carries none of the server's code (the architecture test checks it).

import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';

export const methods = {
  harden: 'kubeHarden/harden',
  listRules: 'kubeHarden/listRules',
  status: 'kubeHarden/status',
  /** ScanImagesParams → ScanImagesResult: scans the images of a document (work-done progress, cancellable). */
  scanImages: 'kubeHarden/scanImages',
} as const;

/**
 * The V8 flag that keeps the server's young generation at its first size (server/src/lsp/heap-tuning.ts).
 * The server sets it itself under Node; under VS Code's own runtime the client gives it on the command line.
 */
export const youngGenerationFlag = '--semi-space-growth-factor=1';

export const commands = {
  /** [uri, position?]: hardens and applies through `workspace/applyEdit`, for clients other than VS Code. */
  harden: 'kubeHarden.server.harden',
  /** [url]: opens a rule's documentation with `window/showDocument`. */
  showDocumentation: 'kubeHarden.server.showDocumentation',
  /**
   * [FinishSuggestion]: run after a suggestion's own edit of the manifest: applies its changes to other
   * files through `workspace/applyEdit` and shows what it added with `window/showDocument`.
   */
  finishSuggestion: 'kubeHarden.server.finishSuggestion',
  /** [uri]: scans the images of the document with Trivy or Grype, with server-initiated progress, for clients other than VS Code. */
  scanImages: 'kubeHarden.server.scanImages',
} as const;

export interface ScanImagesParams {
  textDocument: { uri: string };
  /** A token of the client's for `$/progress` reports (LSP work-done progress). */
  workDoneToken?: string | number;
}

export interface ScanImagesResult {
  /** The scanner that ran; null when none is installed. */
  scanner: string | null;
  /** Images scanned now, taken from the cache, and not scanned (with why). */
  scanned: string[];
  cached: string[];
  failed: Array<{ image: string; reason: string }>;
  cancelled: boolean;
  /** One line for people: what was scanned, or how to get a scanner. */
  message: string;
}

export interface FinishSuggestion {
  /** The changes to files other than the manifest (a Secret manifest, `.gitignore`). */
  edit?: WorkspaceEdit;
  /** What to show once applied: a file, and what the suggestion added to it. */
  show?: { uri: string; selection?: Range };
}

export const codeActionKinds = {
  fixAll: 'source.fixAll.kubeHarden',
  harden: 'refactor.rewrite.kubeHarden',
} as const;

export interface HardenParams {
  textDocument: { uri: string };
  /** The cursor: harden the workload under it. Absent: harden every workload of the file. */
  position?: Position;
}

export interface CannotFix {
  ruleId: string;
  message: string;
  /** Where the finding stands in the text as it is after `edit` is applied. */
  range: Range;
}

export interface HardenResult {
  /** Null when nothing needs to change (the workloads already pass the restricted level). */
  edit: WorkspaceEdit | null;
  /** The workloads hardened, as `Kind/name`. */
  workloads: string[];
  cannotFix: CannotFix[];
  /** One line for people: what was done and what was left in place. */
  message: string;
}

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

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
  /** The rule's page relative to the extension's folder (`rules/<family>/<id>.md`), shipped for offline reading. */
  docFile: string;
  /** Whether it is checked under the configured severity, level and version. */
  enabled: boolean;
  /** Why it is not checked at the configured level or version, or what checks it instead. */
  note?: string;
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
  /** False for files that are not Kubernetes manifests, were skipped, or when kube-harden is disabled. */
  checked: boolean;
}
