// Protocol tests for what the server changes: quick fixes applied and re-checked, fix-all of one rule,
// source.fixAll, the disable-for-resource annotation, hover, "Harden" and the custom requests.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyTextEdits, editsFor, ensureBuilt, positionOf, TestClient, uniqueUri } from './client';
import { rules as catalog } from '../../rules';

/** Findings of the families these tests are not about: network coverage, runtime hardening and images (no safe fixes there). */
const otherFamily = (code: string) => ['network', 'runtime', 'images'].includes(catalog.find((r) => r.id === code)?.meta.category ?? '');

const deployment = `# The web tier.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27 # pinned
          securityContext:
            privileged: true
          ports:
            - containerPort: 8080
        - name: sidecar
          image: "envoy:1.30"
      volumes:
        - name: data
          hostPath:
            path: /var/data
`;

function only(diagnostics: Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === ruleId);
}

/** The edit applied by the client gives `after`, and the text outside the edited span is byte-identical. */
function assertOnlyEdited(before: string, after: string, action: CodeAction, uri: string): void {
  const edits = editsFor(action.edit!, uri);
  assert.equal(applyTextEdits(before, edits), after);
  const doc = TextDocument.create(uri, 'yaml', 1, before);
  const from = Math.min(...edits.map((e) => doc.offsetAt(e.range.start)));
  const to = Math.max(...edits.map((e) => doc.offsetAt(e.range.end)));
  assert.equal(after.slice(0, from), before.slice(0, from));
  assert.equal(after.slice(after.length - (before.length - to)), before.slice(to));
  assert.ok(to - from < before.length / 4, 'the edit is minimal, not a rewrite of the file');
}

describe('code actions, hover and custom requests', () => {
  let client: TestClient;
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: false, changeAnnotations: true });
  });
  after(() => client.stop());

  test('the quick fix removes its diagnostic and touches nothing else', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const diagnostics = await client.diagnostics(uri);
    const [privileged] = only(diagnostics, 'privileged-container');
    const actions = await client.codeActions(uri, privileged.range, [privileged]);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(fix, 'a preferred fix');
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics, [privileged]);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable privileged-container for Deployment/web'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for privileged-container'));
    const before = client.text(uri);
    const after = await client.apply(uri, fix.edit!);
    assertOnlyEdited(before, after, fix, uri);
    assert.ok(after.includes('# pinned') && after.includes('"envoy:1.30"'), 'comments and quoting kept');
    const next = await client.diagnostics(uri);
    assert.equal(only(next, 'privileged-container').length, 0);
    // Every other finding is still there, on the same lines as before the edit (the edit removed one line).
    const others = diagnostics
      .filter((d) => d.code !== 'privileged-container')
      .map((d) => `${d.code}`)
      .sort();
    assert.deepEqual(next.map((d) => `${d.code}`).sort(), others);
  });

  test('a suggestion is offered but not preferred', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment.replace('    spec:\n      containers:', '    spec:\n      hostNetwork: true\n      containers:'));
    const [host] = only(await client.diagnostics(uri), 'host-namespaces');
    const actions = await client.codeActions(uri, host.range, [host]);
    const suggestion = actions.find((a) => a.title.startsWith('Remove hostNetwork'));
    assert.ok(suggestion, actions.map((a) => a.title).join(' | '));
    assert.notEqual(suggestion.isPreferred, true);
  });

  test('fix all problems of one rule in the file', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const diagnostics = await client.diagnostics(uri);
    const capabilities = only(diagnostics, 'restricted-capabilities');
    assert.equal(capabilities.length, 2);
    const actions = await client.codeActions(uri, capabilities[0].range, [capabilities[0]]);
    const all = actions.find((a) => a.title === 'Fix all restricted-capabilities problems in this file')!;
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    await client.apply(uri, all.edit!);
    const next = await client.diagnostics(uri);
    assert.equal(only(next, 'restricted-capabilities').length, 0);
    // Only that rule was fixed.
    assert.equal(only(next, 'privileged-container').length, 1);
    assert.equal(only(next, 'run-as-non-root').length, only(diagnostics, 'run-as-non-root').length);
  });

  test('no fix sets allowPrivilegeEscalation: false beside privileged: true, which the API server rejects', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const escalation = only(await client.diagnostics(uri), 'allow-privilege-escalation');
    assert.equal(escalation.length, 2);
    const titles = async (d: Diagnostic) => (await client.codeActions(uri, d.range, [d])).map((a) => a.title);
    assert.deepEqual(await titles(escalation[0]), [
      'Disable allow-privilege-escalation for Deployment/web',
      'Show documentation for allow-privilege-escalation',
      'Fix all auto-fixable kube-harden problems',
      'Harden this workload',
    ]);
    assert.ok((await titles(escalation[1])).includes('Set allowPrivilegeEscalation: false on "sidecar"'));
  });

  test('source.fixAll.kubeHarden applies every safe fix', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    await client.diagnostics(uri);
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.kubeHarden');
    await client.apply(uri, actions[0].edit!);
    const left = (await client.diagnostics(uri)).filter((d) => !otherFamily(String(d.code))).map((d) => d.code);
    // hostPath has no safe fix (at restricted, restricted-volume-types reports it); everything else had one.
    assert.deepEqual([...new Set(left)], ['restricted-volume-types']);
    assert.ok(client.text(uri).startsWith('# The web tier.\n'));
  });

  test('disable for this resource adds the ignore annotation and silences only that rule', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const diagnostics = await client.diagnostics(uri);
    const [seccomp] = only(diagnostics, 'restricted-seccomp-profile');
    const actions = await client.codeActions(uri, seccomp.range, [seccomp]);
    const disable = actions.find((a) => a.title === 'Disable restricted-seccomp-profile for Deployment/web')!;
    const after = await client.apply(uri, disable.edit!);
    assert.match(
      after,
      /metadata:\n {2}name: web\n {2}labels: \{app: web\}\n {2}annotations:\n {4}ignore\.kube-harden\.io\/restricted-seccomp-profile: "TODO: say why this rule does not apply here"\n/,
    );
    const next = await client.diagnostics(uri);
    assert.equal(only(next, 'restricted-seccomp-profile').length, 0);
    assert.equal(next.length, diagnostics.length - only(diagnostics, 'restricted-seccomp-profile').length);
  });

  test('code actions are found by rule id and range, not by message text', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const [privileged] = only(await client.diagnostics(uri), 'privileged-container');
    const renamed = { ...privileged, message: 'something else entirely' };
    const actions = await client.codeActions(uri, privileged.range, [renamed]);
    assert.ok(actions.some((a) => a.isPreferred));
    const moved = { ...privileged, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } };
    assert.deepEqual(await client.codeActions(uri, moved.range, [moved], ['quickfix']), []);
  });

  test('show documentation goes through window/showDocument', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const [privileged] = only(await client.diagnostics(uri), 'privileged-container');
    const docs = (await client.codeActions(uri, privileged.range, [privileged])).find((a) => a.title.startsWith('Show documentation'))!;
    assert.equal(docs.command!.command, 'kubeHarden.server.showDocumentation');
    await client.request('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    await client.waitFor(() => client.shownDocuments.length > 0, 'showDocument');
    // The page that ships beside the bundle opens in the editor (test/lsp/documentation.test.ts has the details).
    assert.match(client.shownDocuments[0], /^file:\/\/.*\/rules\/pod-security\/privileged-container\.md$/);
    const commands = client.initializeResult.capabilities.executeCommandProvider!.commands;
    assert.ok(!commands.includes('kubeHarden.hardenPod') && !commands.includes('kubeHarden.hardenFile'));
  });

  test('hover on a flagged value explains the rule', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    await client.diagnostics(uri);
    const hover = await client.hover(uri, positionOf(deployment, 'true'));
    const value = (hover!.contents as MarkupContent).value;
    assert.equal((hover!.contents as MarkupContent).kind, 'markdown');
    // One line: the rule (linked to its page), its level and check, the fix by name.
    assert.match(value, /^- \[`privileged-container`\]\(https:\/\/.*privileged-container\.md\) · baseline `privileged` · fix: .+$/m);
    assert.match(value, /Same check elsewhere: Trivy KSV-0017; Checkov CKV_K8S_16; kube-linter privileged-container/);
    // The editor shows the diagnostic's message beside the hover: not twice.
    assert.ok(!value.includes('is privileged'), value);
    assert.equal(await client.hover(uri, positionOf(deployment, '# The web tier')), null);
  });

  test('kubeHarden/harden leaves no restricted finding and names the hostPath volume', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    await client.diagnostics(uri);
    const result: {
      edit: { documentChanges: Array<{ edits: Array<{ annotationId?: string }> }>; changeAnnotations: Record<string, { needsConfirmation: boolean }> };
      workloads: string[];
      cannotFix: Array<{ ruleId: string; message: string; range: { start: { line: number } } }>;
      message: string;
    } = await client.request('kubeHarden/harden', { textDocument: { uri }, position: positionOf(deployment, 'replicas') });
    assert.deepEqual(result.workloads, ['Deployment/web']);
    assert.ok(result.edit.documentChanges[0].edits.every((e) => e.annotationId === 'kubeHarden.harden'));
    assert.equal(result.edit.changeAnnotations['kubeHarden.harden'].needsConfirmation, true);
    assert.deepEqual(
      result.cannotFix.map((c) => [c.ruleId, c.message]),
      [['restricted-volume-types', 'volume "data" uses the hostPath volume type']],
    );
    assert.match(result.message, /^Hardened Deployment\/web .*left in place: volume "data" uses the hostPath volume type/);
    const after = await client.apply(uri, result.edit as never);
    // Harden is about Pod Security: the network finding (no NetworkPolicy) stays.
    const left = (await client.diagnostics(uri)).filter((d) => !otherFamily(String(d.code)));
    assert.deepEqual(
      left.map((d) => d.code),
      ['restricted-volume-types'],
    );
    // cannotFix ranges refer to the hardened text, where the diagnostic now stands.
    assert.deepEqual(result.cannotFix[0].range, left[0].range);
    assert.match(after.split('\n')[left[0].range.start.line], /hostPath|data/);
  });

  test('the harden code action is a refactor with a confirmation annotation', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    await client.diagnostics(uri);
    const at = positionOf(deployment, 'Deployment');
    const actions = await client.codeActions(uri, { start: at, end: at }, [], ['refactor']);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Harden this workload', 'refactor.rewrite.kubeHarden']],
    );
    assert.ok(actions[0].edit!.changeAnnotations);
    // A line of the workload without a finding gets no light bulb for it.
    const replicas = positionOf(deployment, 'replicas');
    assert.deepEqual(await client.codeActions(uri, { start: replicas, end: replicas }, [], ['refactor']), []);
    // Outside any workload there is nothing to harden.
    const none = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['refactor']);
    assert.deepEqual(none, []);
  });

  test('a client that resolves edits gets fix-all and Harden without an edit, then resolves them', async () => {
    const lazy = await TestClient.start({ pull: false, resolveEdits: true });
    try {
      const uri = uniqueUri('lazy.yaml');
      await lazy.open(uri, deployment);
      await lazy.diagnostics(uri);
      const at = positionOf(deployment, 'Deployment');
      const [offered] = await lazy.codeActions(uri, { start: at, end: at }, [], ['refactor']);
      assert.equal(offered.title, 'Harden this workload');
      assert.equal(offered.edit, undefined);
      const resolved: CodeAction = await lazy.request('codeAction/resolve', offered);
      const text = await lazy.apply(uri, resolved.edit!);
      assert.ok(text.includes('allowPrivilegeEscalation: false'));
      const left = (await lazy.diagnostics(uri)).filter((d) => !otherFamily(String(d.code))).map((d) => d.code);
      // hostPath cannot be removed safely: it stays, named, and is all that is left.
      assert.deepEqual([...new Set(left)], ['restricted-volume-types']);
      // Resolving an action offered for an older version gives no edit: the document moved on.
      assert.equal(((await lazy.request('codeAction/resolve', offered)) as CodeAction).edit, undefined);
    } finally {
      await lazy.stop();
    }
  });

  test('kubeHarden.server.harden applies through workspace/applyEdit', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const result: { workloads: string[] } = await client.request('workspace/executeCommand', { command: 'kubeHarden.server.harden', arguments: [uri] });
    assert.deepEqual(result.workloads, ['Deployment/web']);
    assert.equal(client.appliedEdits.length, 1);
  });

  test('kubeHarden/listRules returns the rules of the catalog', async () => {
    const { rules }: { rules: Array<Record<string, unknown>> } = await client.request('kubeHarden/listRules');
    assert.deepEqual(
      rules.map((r) => r.id),
      catalog.map((r) => r.id),
    );
    // A rule that is off by default is listed as disabled.
    assert.equal(rules.find((r) => r.id === 'network-egress-isolation')!.enabled, false);
    const privileged = rules.find((r) => r.id === 'privileged-container')!;
    assert.deepEqual(Object.keys(privileged).sort(), ['category', 'check', 'description', 'docFile', 'docsUrl', 'enabled', 'fix', 'id', 'level', 'severity', 'title']);
    assert.equal(privileged.level, 'baseline');
    assert.equal(privileged.check, 'privileged');
    assert.equal(privileged.enabled, true);
    assert.ok(rules.every((r) => ['safe', 'suggestion', 'none'].includes(r.fix as string)));
  });
});

describe('code actions without documentChanges support', () => {
  let client: TestClient;
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: true, documentChanges: false });
  });
  after(() => client.stop());

  test('edits come as plain changes', async () => {
    const uri = uniqueUri('deploy.yaml');
    await client.open(uri, deployment);
    const [privileged] = only(await client.diagnostics(uri), 'privileged-container');
    const fix = (await client.codeActions(uri, privileged.range, [privileged])).find((a) => a.isPreferred)!;
    assert.ok(fix.edit!.changes![uri].length > 0);
    assert.equal(fix.edit!.documentChanges, undefined);
  });
});
