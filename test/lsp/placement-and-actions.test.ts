// Protocol tests for where things show: a field missing from a container on its securityContext, the
// grouped hover over stacked findings, "Harden this workload" only on the lines where it helps, the
// code lens above each workload with findings, and the status that tells a client a file is Kubernetes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeLens, Diagnostic, MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, editsFor, ensureBuilt, positionOf, TestClient, uniqueUri } from './client';

// The seed article's Pod: a container with a securityContext that lacks four restricted fields, and
// a second one without any.
const pods = `apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
  - image: ubuntu
    name: ubuntu
    securityContext:
      runAsUser: 1000
  - name: side
    image: busybox
  restartPolicy: Always
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: Pod
metadata:
  name: clean
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
`;

const restrictedGaps = ['allow-privilege-escalation', 'restricted-capabilities', 'restricted-seccomp-profile', 'run-as-non-root'];
const at = (needle: string, nth = 0): Position => positionOf(pods, needle, nth);
const line = (needle: string, nth = 0) => at(needle, nth).line;

describe('placement, hover, Harden and the code lens', () => {
  let client: TestClient;
  let uri: string;
  let diagnostics: Diagnostic[];
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: false, changeAnnotations: true });
    uri = uniqueUri('pods.yaml');
    await client.open(uri, pods);
    diagnostics = (await client.diagnostics(uri)).filter((d) => restrictedGaps.includes(String(d.code)));
  });
  after(() => client.stop());

  test('a field missing from a container is reported on its securityContext key, else on its name', () => {
    const onKey = diagnostics.filter((d) => d.range.start.line === line('securityContext'));
    assert.deepEqual(onKey.map((d) => d.code).sort(), restrictedGaps);
    for (const d of onKey) assert.deepEqual(d.range, { start: at('securityContext'), end: { ...at('securityContext'), character: at('securityContext').character + 15 } });
    const side = diagnostics.filter((d) => d.range.start.line === line('name: side'));
    assert.deepEqual(side.map((d) => d.code).sort(), restrictedGaps);
    assert.equal(pods.split('\n')[side[0].range.start.line].slice(side[0].range.start.character, side[0].range.end.character), 'side');
    assert.equal(diagnostics.length, 8, 'nothing on the clean Pod');
  });

  test('one hover groups the four stacked findings, one short line each, without repeating their messages', async () => {
    const hover = await client.hover(uri, at('securityContext'));
    const value = (hover!.contents as MarkupContent).value;
    // The runtime finding on the same key (readOnlyRootFilesystem) has a line of its own, which this test is not about.
    const items = value.split('\n').filter((l) => l.startsWith('- ') && !/ · (runtime|images) · /.test(l));
    assert.equal(items.length, 4, value);
    for (const id of restrictedGaps) assert.equal(items.filter((l) => l.includes(`[\`${id}\`]`)).length, 1, `${id} once: ${value}`);
    // Level, check and the fix by name on each line.
    assert.ok(
      items.every((l) => / · restricted `\w+` · fix: \S/.test(l)),
      value,
    );
    assert.ok(
      items.some((l) => l.includes('fix: Set allowPrivilegeEscalation: false on "ubuntu"')),
      value,
    );
    // The messages are the diagnostics' (the editor shows them beside the hover), not the hover's.
    const messages = (await client.diagnostics(uri)).filter((d) => d.range.start.line === line('securityContext')).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    for (const message of messages) assert.ok(!value.includes(message), `"${message}" is not repeated in the hover`);
    // Short enough to need no scrolling: one line per finding (the four and the runtime one), then the runtime rule's hint.
    assert.equal(value.split('\n').filter((l) => l.trim()).length, 6, value);
    assert.deepEqual(hover!.range, diagnostics.find((d) => d.range.start.line === line('securityContext'))!.range);
  });

  test('a finding with suggestions names them in the hover', async () => {
    const hostUri = uniqueUri('host.yaml');
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: node-agent\nspec:\n  hostNetwork: true\n  containers:\n  - name: agent\n    image: agent\n';
    await client.open(hostUri, text);
    await client.diagnostics(hostUri);
    const value = ((await client.hover(hostUri, positionOf(text, 'true')))!.contents as MarkupContent).value;
    assert.match(value, /^- \[`host-namespaces`\]\(.*\) · baseline `hostNamespaces` · suggestion \(review first\): Remove hostNetwork/m);
  });

  async function hardenOffered(position: Position): Promise<boolean> {
    const actions = await client.codeActions(uri, { start: position, end: position }, [], ['refactor.rewrite.kubeHarden']);
    return actions.some((a) => a.title === 'Harden this workload');
  }

  test('"Harden this workload" is offered on lines with a finding and on kind and metadata.name only', async () => {
    for (const needle of ['kind: Pod', 'my-pod', 'securityContext', 'name: side']) assert.ok(await hardenOffered(at(needle)), `offered on "${needle}"`);
    for (const needle of ['image: ubuntu', 'runAsUser', 'restartPolicy', 'containers']) assert.ok(!(await hardenOffered(at(needle))), `not offered on "${needle}"`);
    // Nothing to harden in a ConfigMap, nor in a Pod that already passes restricted, even on its kind and name.
    for (const needle of ['settings', 'clean']) assert.ok(!(await hardenOffered(at(needle))), `not offered on "${needle}"`);
    assert.ok(!(await hardenOffered(at('kind: Pod', 1))), 'not offered on the clean Pod');
  });

  test('a code lens above each workload with findings, which hardens that workload', async () => {
    const lenses: CodeLens[] = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1, JSON.stringify(lenses));
    const [lens] = lenses;
    assert.deepEqual(lens.range.start, { line: 0, character: 0 });
    assert.equal(lens.command!.title, 'Harden this workload · 8 Pod Security findings');
    assert.equal(lens.command!.command, 'kubeHarden.server.harden');
    assert.deepEqual(lens.command!.arguments, [uri, { line: 0, character: 0 }]);
    const before = client.appliedEdits.length;
    await client.request('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    assert.equal(client.appliedEdits.length, before + 1);
    const applied = client.appliedEdits[before];
    assert.equal(applied.label, 'Harden this workload');
    const hardened = applyTextEdits(pods, editsFor(applied.edit, uri));
    assert.ok(hardened.includes('allowPrivilegeEscalation: false'));
    // Only the first Pod changed.
    assert.equal(hardened.slice(hardened.indexOf('---')), pods.slice(pods.indexOf('---')));
  });

  test('Harden does not say "nothing left to fix" while other findings of the workload remain', async () => {
    const api = uniqueUri('api.yaml');
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: app\n    image: nginx\n    env:\n    - name: DB_PASSWORD\n      value: "s3cr3t-Pa55w0rd-x9"\n';
    await client.open(api, text);
    await client.diagnostics(api);
    const result: { message: string } = await client.request('kubeHarden/harden', { textDocument: { uri: api }, position: positionOf(text, 'api') });
    assert.doesNotMatch(result.message, /nothing left to fix/);
    assert.match(
      result.message,
      /^Hardened Pod\/api for the restricted level; 6 other findings remain, which Harden does not address \(network-ingress-isolation, automount-service-account-token, read-only-root-filesystem, resource-requirements, image-tag, secret-in-env\)\.$/,
    );
    // The value itself is never part of the message.
    assert.ok(!result.message.includes('s3cr3t'));
    const clean: { message: string } = await client.request('kubeHarden/harden', { textDocument: { uri }, position: at('clean') });
    assert.match(clean.message, /^Pod\/clean already passes the restricted level/);
  });

  test('a file that is not Kubernetes gets no lens and a status that says so (the client hides Harden)', async () => {
    const workflow = uniqueUri('workflow.yaml');
    await client.open(workflow, 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n');
    await client.diagnostics(workflow);
    await client.waitFor(() => client.statuses.some((s) => s.uri === workflow), 'the status of the workflow');
    assert.equal(client.statuses.filter((s) => s.uri === workflow).at(-1)!.checked, false);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri: workflow } }), []);
    assert.equal(client.statuses.filter((s) => s.uri === uri).at(-1)!.checked, true);
  });
});
