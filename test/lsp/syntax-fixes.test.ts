// Through the bundled server: syntax errors with a quick fix. A tab-indented block gets the tab
// message on each tab and a fix that indents it with spaces, after which the pasted quotes its broken
// lines hid are reported; a pasted no-break space gets its own message and a fix that writes a space.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureBuilt, TestClient, uniqueUri } from './client';

const webhook = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: run-as-non-root
webhooks:
- name: run-as-non-root.example.com
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig:
\tservice:
\t  name: run-as-non-root-webhook
\t  namespace: kube-system
\t  path: \u201c/mutate\u201d
`;

let client: TestClient;
before(async () => {
  ensureBuilt();
  client = await TestClient.start({ pull: false });
});
after(() => client.stop());

test('tab indentation: the message on the tab, the fix, then the pasted quotes it hid', async () => {
  const uri = uniqueUri('webhook.yaml');
  await client.open(uri, webhook);
  const tabs = (await client.diagnostics(uri)).filter((d) => d.code === 'yaml-syntax');
  assert.equal(tabs.length, 4);
  for (const [i, d] of tabs.entries()) {
    assert.equal(d.message, 'Indent with spaces, not tabs: YAML does not allow tabs in indentation');
    assert.deepEqual(d.range, { start: { line: 9 + i, character: 0 }, end: { line: 9 + i, character: 1 } });
  }
  const actions = await client.codeActions(uri, tabs[1].range, [tabs[1]]);
  const fix = actions.find((a) => a.title === 'Replace the tabs of 4 lines with spaces');
  assert.ok(fix?.edit && fix.isPreferred, actions.map((a) => a.title).join(' | '));
  const text = await client.apply(uri, fix.edit);
  assert.ok(text.endsWith('  clientConfig:\n    service:\n      name: run-as-non-root-webhook\n      namespace: kube-system\n      path: \u201c/mutate\u201d\n'), text);
  const next = await client.diagnostics(uri);
  assert.deepEqual(
    next.filter((d) => d.code === 'yaml-syntax'),
    [],
  );
  const pasted = next.filter((d) => d.code === 'pasted-characters');
  assert.equal(pasted.length, 1);
  assert.deepEqual(pasted[0].range, { start: { line: 12, character: 12 }, end: { line: 12, character: 21 } });
});

test('a pasted no-break space after a key: the error on it, and the fix writes a space', async () => {
  const uri = uniqueUri('pod.yaml');
  await client.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name:\u00a0web\n  namespace: shop\n');
  const [error] = (await client.diagnostics(uri)).filter((d) => d.code === 'yaml-syntax');
  assert.equal(error.message, 'A non-breaking or Unicode space stands where YAML needs an ASCII space');
  assert.deepEqual(error.range, { start: { line: 3, character: 7 }, end: { line: 3, character: 8 } });
  const actions = await client.codeActions(uri, error.range, [error]);
  const fix = actions.find((a) => a.title === 'Replace with " "');
  assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
  assert.equal(await client.apply(uri, fix.edit), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n');
  assert.deepEqual(
    (await client.diagnostics(uri)).filter((d) => d.code === 'yaml-syntax'),
    [],
  );
});
