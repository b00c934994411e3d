// The extension in a real VS Code extension host: activation, diagnostics on the insecure examples,
// a quick fix applied through the workspace API, "Harden this workload", a settings change without a
// reload, files that are not Kubernetes manifests, and a burst of edits.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyTextEdits,
  cliFindings,
  copyOf,
  describe,
  describeCli,
  extensionId,
  fileUri,
  nextDiagnosticsChange,
  open,
  podSecurity,
  restrictedOnlyRules,
  ruleOf,
  until,
  waitForDiagnostics,
} from './helpers';

suite('activation', () => {
  test('the extension activates on a YAML file and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is installed`);
    await open(fileUri('examples/insecure/seed-my-pod.yaml'));
    await until(() => extension.isActive, 'the extension to activate');
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['kubeHarden.hardenPod', 'kubeHarden.hardenFile', 'kubeHarden.listRules', 'kubeHarden.scanImages', 'kubeHarden.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });
});

suite('diagnostics on the insecure examples', () => {
  // Rule id, 0-based range and severity of every finding, as the server must publish them.
  const expected: Record<string, string[]> = {
    'examples/insecure/deployment-privileged.yaml': [
      'host-ports 24:24-24:26 error',
      // Fields missing from "web" are reported on its securityContext key, where they would go.
      'allow-privilege-escalation 25:10-25:25 warning',
      'restricted-capabilities 25:10-25:25 warning',
      'restricted-seccomp-profile 25:10-25:25 warning',
      'run-as-non-root 25:10-25:25 warning',
      'privileged-container 26:24-26:28 error',
      'allow-privilege-escalation 27:16-27:27 warning',
      'restricted-capabilities 27:16-27:27 warning',
      'restricted-seccomp-profile 27:16-27:27 warning',
      'run-as-non-root 27:16-27:27 warning',
    ],
    'examples/insecure/pod-host-access.yaml': [
      'host-namespaces 8:15-8:19 error',
      'allow-privilege-escalation 10:12-10:17 warning',
      'restricted-capabilities 10:12-10:17 warning',
      'restricted-seccomp-profile 10:12-10:17 warning',
      'run-as-non-root 10:12-10:17 warning',
      // A hostPath volume breaks baseline too: restricted's volume check reports it, as an error.
      'restricted-volume-types 19:6-19:14 error',
    ],
  };
  for (const [file, want] of Object.entries(expected)) {
    test(`${file}: rule ids, ranges and severities`, async () => {
      const uri = fileUri(file);
      await open(uri);
      const sorted = [...want].sort();
      const got = podSecurity(await waitForDiagnostics(uri, (d) => podSecurity(d).length >= want.length, `${want.length} diagnostics`));
      assert.deepEqual(describe(got), sorted);
      for (const d of got) {
        assert.equal(d.source, 'kube-harden');
        // Each diagnostic links its rule's documentation.
        assert.ok(typeof d.code === 'object' && d.code.target.toString().includes(`${ruleOf(d)}.md`), `${ruleOf(d)} links its doc`);
      }
    });
  }
});

suite('quick fixes', () => {
  const cases = [
    // `block`: the 0-based lines of the container's block (the last one of the file may gain lines).
    { rule: 'privileged-container', line: 26, container: 'web', block: [20, 26] },
    { rule: 'allow-privilege-escalation', line: 27, container: 'log-shipper', block: [27, 29] },
  ];
  for (const { rule, line, container, block } of cases) {
    test(`the ${rule} quick fix removes its diagnostic and changes nothing else`, async () => {
      const uri = copyOf('examples/insecure/deployment-privileged.yaml', `quick-fix-${rule}.yaml`);
      const editor = await open(uri);
      const document = editor.document;
      const before = await waitForDiagnostics(uri, (d) => podSecurity(d).length === 10, '10 Pod Security diagnostics');
      const target = before.find((d) => ruleOf(d) === rule && d.range.start.line === line);
      assert.ok(target, `a ${rule} diagnostic on line ${line + 1}`);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
      // The API command drops each action's `diagnostics`, and four findings share this range: the
      // fix for this one is the preferred action whose edit makes the CLI stop reporting it.
      const original = document.getText();
      const editsOf = (action: vscode.CodeAction) => action.edit?.entries().flatMap(([u, e]) => (u.toString() === uri.toString() ? e : [])) ?? [];
      const fixes = (a: vscode.CodeAction) => a.isPreferred && a.edit && !cliFindings(applyTextEdits(document, original, editsOf(a))).some((f) => f.ruleId === rule && f.line - 1 === line);
      const fix = actions.find(fixes);
      assert.ok(fix?.edit, `a preferred quick fix for ${rule}; offered: ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred]))}`);
      const edits = editsOf(fix);
      assert.equal(fix.edit.entries().length, 1, 'the fix edits only this file');
      const expectedText = applyTextEdits(document, original, edits);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit succeeded');
      const after = document.getText();
      assert.equal(after, expectedText);

      // Byte-identical outside the edit: the common prefix and suffix cover all but a few lines of this container.
      let prefix = 0;
      while (prefix < original.length && original[prefix] === after[prefix]) prefix++;
      let suffix = 0;
      while (suffix < original.length - prefix && original[original.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
      const firstChanged = document.positionAt(prefix).line;
      assert.ok(firstChanged >= block[0] && firstChanged <= block[1], `the change starts in container "${container}" (line ${firstChanged + 1})`);
      assert.ok(original.length - prefix - suffix < 80 && after.length - prefix - suffix < 120, 'the change is minimal');

      const left = await waitForDiagnostics(uri, (d) => !d.some((x) => ruleOf(x) === rule && x.range.start.line >= line - 1 && x.range.start.line <= line + 1), `the ${rule} diagnostic to go`);
      // Every other finding is still there (the count drops by exactly one).
      assert.equal(podSecurity(left).length, podSecurity(before).length - 1, describe(left).join('\n'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  }
});

suite('Harden this workload', () => {
  test('kubeHarden.hardenPod on a Deployment leaves no restricted finding', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'harden-pod.yaml');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => podSecurity(d).length === 10, '10 Pod Security diagnostics');
    // The cursor on the container "web": Harden acts on the workload under it.
    editor.selection = new vscode.Selection(20, 18, 20, 18);
    // `preview: false` skips the refactor preview (nobody is there to press Apply); the GUI test accepts the real preview.
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; result: { workloads: string[]; cannotFix: { ruleId: string }[] } }>('kubeHarden.hardenPod', { preview: false });
    assert.ok(outcome?.applied, 'the harden edit was applied');
    assert.deepEqual(outcome.result.workloads, ['Deployment/storefront']);
    const left = await waitForDiagnostics(uri, (d) => !d.some((x) => restrictedOnlyRules.has(ruleOf(x)) || ruleOf(x) === 'privileged-container'), 'no restricted finding');
    const allowed = new Set(outcome.result.cannotFix.map((c) => c.ruleId));
    for (const d of podSecurity(left)) assert.ok(allowed.has(ruleOf(d)), `${ruleOf(d)} is left only if Harden named it as not safely fixable`);
    // The CLI agrees on the saved file's text.
    await editor.document.save();
    const cli = cliFindings(editor.document.getText());
    assert.deepEqual(describeCli(cli), describe(podSecurity(left)));
    assert.ok(cli.every((f) => !restrictedOnlyRules.has(f.ruleId)));
  });
});

suite('Harden code action', () => {
  test('"Harden this workload" from the code-action menu applies without an opt-in preview', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'harden-action.yaml');
    await open(uri);
    await waitForDiagnostics(uri, (d) => podSecurity(d).length === 10, '10 Pod Security diagnostics');
    // On the workload's `kind` line: Harden is offered there (and on lines with a finding), not everywhere.
    const cursor = new vscode.Range(3, 8, 3, 8);
    // The server defers the edit to codeAction/resolve; the fourth argument has VS Code resolve it, as the menu does.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, cursor, 'refactor.rewrite.kubeHarden', 5);
    const action = actions.find((a) => a.kind?.value === 'refactor.rewrite.kubeHarden');
    assert.ok(action?.edit, `a Harden code action; offered: ${actions.map((a) => a.title).join(' | ')}`);
    // An edit still marked needsConfirmation would open the refactor preview (unchecked) and never resolve here.
    const applied = await Promise.race([
      vscode.workspace.applyEdit(action.edit),
      new Promise<string>((resolve) => setTimeout(() => resolve('still waiting: the edit asked for confirmation'), 10_000)),
    ]);
    assert.equal(applied, true);
    await waitForDiagnostics(uri, (d) => !podSecurity(d).some((x) => restrictedOnlyRules.has(ruleOf(x))), 'no restricted finding');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

suite('Fix All', () => {
  test('the first "Fix All" right after opening a file applies the safe fixes', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'fix-all-first.yaml');
    const editor = await open(uri);
    // No wait for diagnostics: the command comes while the server may still be starting or indexing.
    await vscode.commands.executeCommand('editor.action.fixAll');
    await until(() => editor.document.getText().includes('allowPrivilegeEscalation: false'), 'the fix-all edit', 30_000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

suite('code lens', () => {
  test('above a workload with findings, running "Harden this workload" there through the client command', async () => {
    const uri = copyOf('examples/insecure/deployment-privileged.yaml', 'code-lens.yaml');
    await open(uri);
    await waitForDiagnostics(uri, (d) => podSecurity(d).length === 10, '10 Pod Security diagnostics');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.equal(lenses.length, 1, lenses.map((l) => l.command?.title).join(' | '));
    assert.equal(lenses[0].command?.title, 'Harden this workload · 10 Pod Security findings');
    // The client's command (with its diff preview), at the workload's first line.
    assert.equal(lenses[0].command?.command, 'kubeHarden.hardenPod');
    assert.deepEqual(lenses[0].command?.arguments, [{ uri: uri.toString(), position: { line: 2, character: 0 } }]);
  });
});

suite('settings', () => {
  teardown(async () => {
    await vscode.workspace.getConfiguration('kubeHarden').update('podSecurityLevel', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('podSecurityLevel baseline removes the restricted-only diagnostics without a reload', async () => {
    const uri = copyOf('examples/insecure/pod-host-access.yaml', 'level.yaml');
    await open(uri);
    await waitForDiagnostics(uri, (d) => podSecurity(d).length === 6, 'the 6 restricted-level diagnostics');
    await vscode.workspace.getConfiguration('kubeHarden').update('podSecurityLevel', 'baseline', vscode.ConfigurationTarget.Workspace);
    const baseline = await waitForDiagnostics(uri, (d) => podSecurity(d).length === 2, 'only the baseline diagnostics');
    assert.deepEqual(describe(podSecurity(baseline)), ['host-namespaces 8:15-8:19 error', 'host-path-volumes 19:6-19:14 error']);
    await vscode.workspace.getConfiguration('kubeHarden').update('podSecurityLevel', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => podSecurity(d).length === 6, 'the restricted diagnostics back');
  });
});

suite('files that are not Kubernetes manifests', () => {
  for (const file of ['ci.yaml', 'values.yaml']) {
    test(`${file} (not Kubernetes) gets no diagnostics`, async () => {
      const uri = fileUri(file);
      const change = nextDiagnosticsChange(uri, `the language client to set ${file}'s diagnostics`);
      await open(uri);
      assert.deepEqual(describe(await change.done), []);
    });
  }

  test('a Helm template gets no findings, only the note that it was not checked', async () => {
    const uri = fileUri('chart/templates/deployment.yaml');
    await open(uri);
    const got = await waitForDiagnostics(uri, (d) => d.length > 0, 'the not-checked note');
    assert.equal(got.length, 1, describe(got).join('\n'));
    assert.equal(ruleOf(got[0]), 'not-checked');
    assert.equal(got[0].severity, vscode.DiagnosticSeverity.Information);
  });
});

suite('editing', () => {
  test('after many quick edits the diagnostics match the final text', async () => {
    const uri = copyOf('examples/hardened/deployment.yaml', 'typing.yaml');
    const opened = nextDiagnosticsChange(uri, 'the first diagnostics');
    const editor = await open(uri);
    const document = editor.document;
    assert.deepEqual(describe(podSecurity(await opened.done)), [], 'the hardened Deployment starts clean');
    // Type a third container character by character before its volumes, then flip a setting back and forth:
    // dozens of versions in flight while the server answers.
    const sidecar = '        - name: sidecar\n          image: busybox:1.36\n          securityContext:\n            privileged: true\n';
    // The containers list ends where the pod's volumes begin.
    let at = document.getText().indexOf('      volumes:\n');
    assert.ok(at > 0, 'the hardened Deployment has volumes after its containers');
    for (const ch of sidecar) {
      const position = document.positionAt(at++);
      await editor.edit((b) => b.insert(position, ch), { undoStopBefore: false, undoStopAfter: false });
    }
    const text = document.getText();
    const falseAt = text.indexOf('allowPrivilegeEscalation: false');
    for (let i = 0; i < 6; i++) {
      const value = i % 2 === 0 ? 'true' : 'false';
      const start = document.positionAt(falseAt + 'allowPrivilegeEscalation: '.length);
      const old = document.getText(new vscode.Range(start, document.positionAt(document.offsetAt(start) + (i % 2 === 0 ? 5 : 4))));
      await editor.edit((b) => b.replace(new vscode.Range(start, document.positionAt(document.offsetAt(start) + old.length)), value));
    }
    const want = describeCli(cliFindings(document.getText()));
    assert.ok(
      want.some((d) => d.startsWith('privileged-container')),
      'the final text has a privileged sidecar',
    );
    const got = await waitForDiagnostics(uri, (d) => JSON.stringify(describe(podSecurity(d))) === JSON.stringify(want), 'diagnostics matching the final text');
    assert.deepEqual(describe(podSecurity(got)), want);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
