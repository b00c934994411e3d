// Runs before the other suites (files load in name order): the first "Fix All" of a fresh window works
// once the file's diagnostics are final. Still open (issue 16): a Fix All issued before that is
// dropped by VS Code, which cancels a pending manual code-action request when the file's markers
// change (its automatic request, 500 ms later, replaces it). In a fresh window the markers change
// once more after the first diagnostics: the workspace index, which completes after them, finds the
// NetworkPolicy that isolates this Deployment, and the network finding goes away.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { copyOf, open, podSecurity, until, waitForDiagnostics } from './helpers';

/** Resolves once the file's diagnostics have not changed for `quietMs`. */
async function settled(uri: vscode.Uri, quietMs: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = Date.now();
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === uri.toString())) last = Date.now();
  });
  try {
    while (Date.now() - last < quietMs) {
      if (Date.now() > deadline) throw new Error(`diagnostics of ${uri.path} still changing after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    listener.dispose();
  }
}

suite('cold start', () => {
  test('the first "Fix All" of a fresh window, once the file shows its final diagnostics, applies the safe fixes', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'fix-all-cold.yaml');
    const editor = await open(uri);
    // Final: the Pod Security findings, and no network finding once the index has seen the policy.
    await waitForDiagnostics(uri, (d) => podSecurity(d).length === 10 && d.length === 10, 'the 10 Pod Security diagnostics, and no other');
    await settled(uri, 1500);
    await vscode.commands.executeCommand('editor.action.fixAll');
    await until(() => editor.document.getText().includes('allowPrivilegeEscalation: false'), 'the fix-all edit', 30_000);
    assert.ok(!editor.document.getText().includes('privileged: true'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
