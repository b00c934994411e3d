// Runs before the other suites (files load in name order): the first "Fix All" of a fresh window,
// issued as soon as the file shows diagnostics, applies the safe fixes. VS Code cancels a pending
// manual code-action request when the file's markers change, so the first diagnostics must already be
// the final ones: the server waits for the workspace scan, which finds the NetworkPolicy that
// isolates this Deployment, before it answers (issue 16 item 8).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { copyOf, open, until } from './helpers';

suite('cold start', () => {
  test('the first "Fix All" of a fresh window, issued at the first diagnostics, applies the safe fixes', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'fix-all-cold.yaml');
    const editor = await open(uri);
    const first: vscode.Diagnostic[] = [];
    await until(() => first.push(...vscode.languages.getDiagnostics(uri)) > 0, 'the first diagnostics', 20_000);
    assert.deepEqual(
      first.filter((d) => String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('network-')),
      [],
      'no network finding: the index has seen the policy before the first answer',
    );
    await vscode.commands.executeCommand('editor.action.fixAll');
    await until(() => editor.document.getText().includes('allowPrivilegeEscalation: false'), 'the fix-all edit', 30_000);
    assert.ok(!editor.document.getText().includes('privileged: true'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
