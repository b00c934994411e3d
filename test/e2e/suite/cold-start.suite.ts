// Runs before the other suites (files load in name order): the first "Fix All" of a fresh window works
// once the file shows its diagnostics. (Issued before them, while the server starts, VS Code drops it:
// no provider is registered yet, or its pending request is replaced by the automatic one 500 ms after
// the file's markers change: not fixed yet.)

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { copyOf, open, podSecurity, until, waitForDiagnostics } from './helpers';

suite('cold start', () => {
  test('the first "Fix All" of a fresh window, once the file shows its diagnostics, applies the safe fixes', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'fix-all-cold.yaml');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => podSecurity(d).length === 10, '10 Pod Security diagnostics');
    await vscode.commands.executeCommand('editor.action.fixAll');
    await until(() => editor.document.getText().includes('allowPrivilegeEscalation: false'), 'the fix-all edit', 30_000);
    assert.ok(!editor.document.getText().includes('privileged: true'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
