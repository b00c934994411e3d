// "Show documentation" in a real extension host: the quick fix on a finding opens the rule's page
// shipped in the extension folder in VS Code's Markdown preview (no browser, no network), and the
// walkthrough is contributed.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, fileUri, open, ruleOf, until, waitForDiagnostics } from './helpers';

/** The open tabs showing a Markdown preview whose label names `file`. */
function previewTabs(file: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label.includes(file));
}

suite('offline documentation', () => {
  test('Show documentation opens the bundled rule page in the Markdown preview', async () => {
    const uri = fileUri('examples/insecure/deployment-privileged.yaml');
    await open(uri);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'privileged-container'), 'the privileged-container diagnostic');
    const target = diagnostics.find((d) => ruleOf(d) === 'privileged-container')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const docs = actions.find((a) => a.title === 'Show documentation for privileged-container');
    assert.ok(docs?.command, `a Show documentation action; offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(docs.command.arguments?.[1], 'rules/pod-security/privileged-container.md');
    await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    await until(() => previewTabs('privileged-container.md').length > 0, 'a Markdown preview of privileged-container.md');
    // The page is the one inside the extension's folder.
    const extension = vscode.extensions.getExtension(extensionId)!;
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, 'rules', 'pod-security', 'privileged-container.md'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the walkthrough is contributed with its three steps', () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs;
    assert.equal(walkthrough.steps.length, 3);
  });
});
