// Helpers for the extension-host suites: the test workspace, opening files, waiting for diagnostics
// on events (never on fixed sleeps), and the CLI as an independent oracle for what the final text
// of a document must report.

import * as vscode from 'vscode';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const extensionId = 'kube-harden.kube-harden';
/**
 * The 19 Pod Security rules, which these tests pin exactly. Other rule families (network policies,
 * secrets, …) are compared against the CLI where it matters, so adding a rule does not break the
 * tables below.
 */
export const podSecurityRules = new Set([
  'privileged-container',
  'host-namespaces',
  'host-path-volumes',
  'host-ports',
  'host-probes-and-lifecycle',
  'baseline-capabilities',
  'apparmor-profile',
  'selinux-options',
  'proc-mount',
  'baseline-seccomp-profile',
  'unsafe-sysctls',
  'windows-host-process',
  'allow-privilege-escalation',
  'restricted-capabilities',
  'run-as-non-root',
  'run-as-user',
  'restricted-seccomp-profile',
  'restricted-volume-types',
  'restricted-proc-mount',
]);

export function podSecurity(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => podSecurityRules.has(ruleOf(d)));
}

export const restrictedOnlyRules = new Set([
  'allow-privilege-escalation',
  'restricted-capabilities',
  'run-as-non-root',
  'run-as-user',
  'restricted-seccomp-profile',
  'restricted-volume-types',
  'restricted-proc-mount',
]);

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (the runner opens one)');
  return folder.uri.fsPath;
}

/** A private copy of a workspace file, so that a test that edits it leaves the others alone. */
export function copyOf(relative: string, name: string): vscode.Uri {
  const target = join(workspaceRoot(), 'scratch', name);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(workspaceRoot(), relative), target);
  return vscode.Uri.file(target);
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.file(join(workspaceRoot(), relative));
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code && typeof code === 'object') return String(code.value);
  return code === undefined ? '' : String(code);
}

/** `rule line:col-line:col severity` per diagnostic, sorted: a readable, comparable form. */
export function describe(diagnostics: readonly vscode.Diagnostic[]): string[] {
  const severity = ['error', 'warning', 'info', 'hint'];
  return diagnostics.map((d) => `${ruleOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${severity[d.severity]}`).sort();
}

/**
 * Resolves with the uri's diagnostics once `accept` holds for them, checking now and at every
 * diagnostics change; rejects after `timeoutMs` with what was last seen.
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      finish();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last diagnostics:\n  ${describe(vscode.languages.getDiagnostics(uri)).join('\n  ') || '(none)'}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      listener.dispose();
    };
    check();
  });
}

/** Resolves at the next diagnostics change for `uri` (the language client sets them even when empty). */
export function nextDiagnosticsChange(uri: vscode.Uri, what: string, timeoutMs = 20_000): { done: Promise<vscode.Diagnostic[]> } {
  let listener: vscode.Disposable | undefined;
  const done = new Promise<vscode.Diagnostic[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      listener?.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      listener?.dispose();
      resolve(vscode.languages.getDiagnostics(uri));
    });
  });
  return { done };
}

/** Waits for a condition polled on every diagnostics change and at most every 100 ms (for state without an event). */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const listener = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), 100);
      const done = () => {
        listener.dispose();
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export interface CliFinding {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * What the CLI (same engine, another front end, a fresh process) reports for `text` with the default
 * settings: the oracle that edited documents' diagnostics must match in the end.
 */
export function cliFindings(text: string, extraArgs: string[] = []): CliFinding[] {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not installed`);
  const cli = join(extension.extensionPath, 'dist', 'cli.js');
  // In desktop VS Code process.execPath is Electron; ELECTRON_RUN_AS_NODE makes it a plain Node.
  const result = spawnSync(process.execPath, [cli, 'check', '-', '--format', 'json', ...extraArgs], {
    input: text,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 30_000,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`kube-harden CLI failed (${result.status}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { findings: CliFinding[] }).findings;
}

/**
 * The CLI's Pod Security findings in the same form as `describe` (0-based positions, as VS Code has
 * them). Only Pod Security ones: workspace-wide rules see other files in the editor than on stdin.
 */
export function describeCli(findings: readonly CliFinding[]): string[] {
  return findings
    .filter((f) => podSecurityRules.has(f.ruleId))
    .map((f) => `${f.ruleId} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1} ${f.severity}`)
    .sort();
}

/** Applies `edits` to `text` the way a WorkspaceEdit would, from the last to the first. */
export function applyTextEdits(document: vscode.TextDocument, text: string, edits: readonly vscode.TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, document.offsetAt(edit.range.start)) + edit.newText + out.slice(document.offsetAt(edit.range.end));
  return out;
}
