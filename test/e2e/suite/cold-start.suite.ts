// Runs before the other suites (files load in name order): the very first command of a fresh window,
// while the extension is activating and its server starting. VS Code does not wait for a code-action
// provider registered later, so a provider registered only once the server runs made this first
// "Fix All" answer "No fix all action available"; the client's own provider waits for the server.

import * as vscode from 'vscode';
import { copyOf, extensionId, open, until } from './helpers';

suite('cold start', () => {
  test('the first "Fix All" of a fresh window, while the server starts, applies the safe fixes', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'fix-all-cold.yaml');
    const editor = await open(uri);
    // Active (its providers registered) while its server is still starting.
    const extension = vscode.extensions.getExtension(extensionId)!;
    await until(() => extension.isActive, 'the extension to activate');
    await vscode.commands.executeCommand('editor.action.fixAll');
    await until(() => editor.document.getText().includes('allowPrivilegeEscalation: false'), 'the fix-all edit', 30_000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
