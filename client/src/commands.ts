// The extension's commands. They hold no rule logic: each one asks the server (`kubeHarden/harden`,
// `kubeHarden/listRules`, `kubeHarden/scanImages`) and presents the answer; Harden shows its edit as
// a diff to accept first, a scan its progress with a Cancel button.

import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { HardenParams, HardenResult, methods, ListRulesResult, ScanImagesParams, ScanImagesResult } from './protocol';
import { showDocumentation } from './docs';
import { hardenOutcome, ruleItem, RuleItem } from './presentation';

/** The YAML editor a command acts on, or undefined after telling the user why there is none. */
function activeYamlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') {
    void vscode.window.showInformationMessage('kube-harden: open a Kubernetes YAML file first.');
    return undefined;
  }
  return editor;
}

/**
 * The server's edit as a plain WorkspaceEdit, without its `needsConfirmation` annotation: VS Code's
 * refactor preview shows such edits *unchecked* (opt-in), so "Apply" there would apply nothing (seen
 * in code-server). The preview is ours instead: a diff and an Apply button (`confirmInDiff`).
 */
export async function plainEdit(client: LanguageClient, edit: HardenResult['edit']): Promise<vscode.WorkspaceEdit | undefined> {
  if (!edit) return undefined;
  const converted = await client.protocol2CodeConverter.asWorkspaceEdit(edit);
  return withoutConfirmation(converted);
}

/** Rebuilds the text edits of `edit` with no confirmation asked, keeping their label. */
export function withoutConfirmation(edit: vscode.WorkspaceEdit, label = 'Harden'): vscode.WorkspaceEdit {
  const plain = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: false, label };
  for (const [uri, edits] of edit.entries()) {
    for (const textEdit of edits) plain.replace(uri, textEdit.range, textEdit.newText, metadata);
  }
  return plain;
}

const previewScheme = 'kube-harden-preview';
const previews = new Map<string, string>();

/** Serves the proposed text of a Harden preview to the diff editor. */
export function registerPreviewProvider(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(previewScheme, {
    provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
  });
}

/**
 * Shows the edit as a diff of the document against its hardened text and asks to apply it; true
 * when the user chose Apply. The diff closes either way.
 */
async function confirmInDiff(document: vscode.TextDocument, edit: vscode.WorkspaceEdit, what: string): Promise<boolean> {
  const edits = [...edit.get(document.uri)].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  let after = document.getText();
  for (const e of edits) after = after.slice(0, document.offsetAt(e.range.start)) + e.newText + after.slice(document.offsetAt(e.range.end));
  const previewUri = vscode.Uri.from({ scheme: previewScheme, path: document.uri.path, query: `v${document.version}-${Date.now()}` });
  previews.set(previewUri.toString(), after);
  const name = document.uri.path.split('/').pop();
  try {
    await vscode.commands.executeCommand('vscode.diff', document.uri, previewUri, `${name} ↔ ${what} (preview)`, { preview: true });
    const choice = await vscode.window.showInformationMessage(`kube-harden: ${what}. Apply the changes shown in the diff?`, 'Apply', 'Cancel');
    return choice === 'Apply';
  } finally {
    previews.delete(previewUri.toString());
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const diff = tabs.filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === previewUri.toString());
    if (diff.length > 0) await vscode.window.tabGroups.close(diff);
    await vscode.window.showTextDocument(document);
  }
}

/**
 * Options a caller may pass to `kubeHarden.hardenPod` / `kubeHarden.hardenFile` through
 * `executeCommand`. `preview: false` applies the edit without the diff preview: the
 * extension-host tests use it, since nobody is there to press Apply. The palette and the menus pass
 * no options (menus pass the file's Uri, which has no `preview`), so people always get the preview.
 */
export interface HardenOptions {
  preview?: boolean;
  /** The document and the position of the workload to harden (the code lens passes them); else the active editor's cursor. */
  uri?: string;
  position?: { line: number; character: number };
}

export function hardenOptions(arg: unknown): HardenOptions {
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  const options: HardenOptions = {};
  if (typeof a.preview === 'boolean') options.preview = a.preview;
  if (typeof a.uri === 'string') options.uri = a.uri;
  const p = a.position as Record<string, unknown> | undefined;
  if (p && typeof p.line === 'number' && typeof p.character === 'number') options.position = { line: p.line, character: p.character };
  return options;
}

/** Hardens and applies; resolves to the server's answer and whether its edit was applied (for callers such as tests). */
export async function harden(client: LanguageClient, scope: 'pod' | 'file', options: HardenOptions = {}): Promise<{ result: HardenResult; applied: boolean } | undefined> {
  const editor = (options.uri && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === options.uri)) || activeYamlEditor();
  if (!editor) return undefined;
  const params: HardenParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) } };
  if (scope === 'pod') params.position = options.position ?? client.code2ProtocolConverter.asPosition(editor.selection.active);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'kube-harden: hardening' }, () => client.sendRequest<HardenResult>(methods.harden, params));
  const edit = await plainEdit(client, result.edit);
  if (edit) {
    const what = `${scope === 'pod' ? 'Harden this workload' : 'Harden all workloads in this file'} (${result.workloads.join(', ') || 'none'})`;
    const version = editor.document.version;
    const accepted = options.preview === false || (await confirmInDiff(editor.document, edit, what));
    // Declined, or the document changed meanwhile (the edit's ranges are for `version`): nothing is applied.
    if (!accepted || editor.document.version !== version || !(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showInformationMessage('kube-harden: Harden was not applied.');
      return { result, applied: false };
    }
  }
  const outcome = hardenOutcome(result);
  if (outcome.severity === 'warning') void vscode.window.showWarningMessage(outcome.text);
  else void vscode.window.showInformationMessage(outcome.text);
  return { result, applied: edit !== undefined };
}

export async function listRules(client: LanguageClient, extensionUri: vscode.Uri): Promise<void> {
  const items = client.sendRequest<ListRulesResult>(methods.listRules).then((result) => result.rules.map((rule): RuleItem & vscode.QuickPickItem => ruleItem(rule)));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'kube-harden rules',
    placeHolder: 'Pick a rule to open its documentation',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked?.docsUrl) await showDocumentation(extensionUri, picked.docsUrl, picked.docFile);
}

let scans = 0;

/**
 * "Scan images in this file": the server runs Trivy or Grype on each image and reports its progress
 * to a token of ours; Cancel cancels the request, which stops the scanner (what was scanned stays).
 */
export async function scanImages(client: LanguageClient): Promise<ScanImagesResult | undefined> {
  const editor = activeYamlEditor();
  if (!editor) return undefined;
  const workDoneToken = `kube-harden-scan-${++scans}`;
  const params: ScanImagesParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) }, workDoneToken };
  const options = { location: vscode.ProgressLocation.Notification, title: 'kube-harden: scanning images', cancellable: true };
  const result = await vscode.window.withProgress(options, async (progress, cancel) => {
    let done = 0;
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'end') return;
      const percentage = value.percentage ?? done;
      progress.report({ message: value.message, increment: percentage - done });
      done = percentage;
    });
    try {
      return await client.sendRequest<ScanImagesResult>(methods.scanImages, params, cancel);
    } catch (error) {
      if (cancel.isCancellationRequested) return undefined;
      throw error;
    } finally {
      listener.dispose();
    }
  });
  if (!result) return undefined;
  if (result.scanner === null || result.failed.length > 0) void vscode.window.showWarningMessage(result.message);
  else void vscode.window.showInformationMessage(result.message);
  return result;
}
