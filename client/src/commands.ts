// The extension's commands. They hold no rule logic: each one asks the server (`kubeHarden/harden`,
// `kubeHarden/listRules`) and presents the answer, applying edits through VS Code's refactor preview.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  HardenParams,
  HardenResult,
  hardenMethod,
  ListRulesResult,
  listRulesMethod,
} from './protocol';
import { asksForConfirmation, hardenOutcome, ruleItem, RuleItem } from './presentation';

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
 * Converts the server's edit and makes sure applying it asks for confirmation: the server marks its
 * edits with a `needsConfirmation` change annotation; an edit without one is rebuilt with it, so the
 * user always sees the preview before a manifest changes.
 */
async function toConfirmedEdit(client: LanguageClient, result: HardenResult): Promise<vscode.WorkspaceEdit | undefined> {
  if (!result.edit) return undefined;
  const converted = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (asksForConfirmation(result.edit)) return converted;
  const confirmed = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    needsConfirmation: true,
    label: 'Harden',
    description: result.workloads.join(', '),
  };
  for (const [uri, edits] of converted.entries()) {
    for (const edit of edits) confirmed.replace(uri, edit.range, edit.newText, metadata);
  }
  return confirmed;
}

export async function harden(client: LanguageClient, scope: 'pod' | 'file'): Promise<void> {
  const editor = activeYamlEditor();
  if (!editor) return;
  const params: HardenParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) } };
  if (scope === 'pod') params.position = client.code2ProtocolConverter.asPosition(editor.selection.active);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'kube-harden: hardening' },
    () => client.sendRequest<HardenResult>(hardenMethod, params),
  );
  const edit = await toConfirmedEdit(client, result);
  if (edit && !(await vscode.workspace.applyEdit(edit))) {
    // Declined in the preview, or the document changed meanwhile: nothing was applied.
    void vscode.window.showInformationMessage('kube-harden: Harden was not applied.');
    return;
  }
  const outcome = hardenOutcome(result);
  if (outcome.severity === 'warning') void vscode.window.showWarningMessage(outcome.text);
  else void vscode.window.showInformationMessage(outcome.text);
}

export async function listRules(client: LanguageClient): Promise<void> {
  const items = client
    .sendRequest<ListRulesResult>(listRulesMethod)
    .then((result) => result.rules.map((rule): RuleItem & vscode.QuickPickItem => ruleItem(rule)));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'kube-harden rules',
    placeHolder: 'Pick a rule to open its documentation',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked?.docsUrl) await vscode.env.openExternal(vscode.Uri.parse(picked.docsUrl));
}
