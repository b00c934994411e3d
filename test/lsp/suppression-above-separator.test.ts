// Issue 17, defect 8: a `# kube-harden-ignore` comment right above `---` is part of the previous
// document's text but applies to the next document's first line. Deleting or inserting it must give
// the diagnostics a fresh open gives, though the next document's own text did not change.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, TestClient, uniqueUri } from './client';

const pod = '--- {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: nginx:1.25, securityContext: {privileged: true}}]}}\n';
const comment = '# kube-harden-ignore privileged-container\n';
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();

for (const pull of [false, true]) {
  describe(`a suppression comment above --- while editing (${pull ? 'pull' : 'push'})`, () => {
    let client: TestClient;
    before(async () => {
      ensureBuilt();
      client = await TestClient.start({ pull });
    });
    after(() => client.stop());

    /** Opens `from`, edits it into `to` and compares with `to` opened fresh. */
    async function edited(from: string, to: string, edit: (uri: string) => Promise<void>): Promise<Diagnostic[]> {
      const uri = uniqueUri('edited.yaml');
      await client.open(uri, from);
      await client.diagnostics(uri);
      await edit(uri);
      assert.equal(client.text(uri), to);
      const got = await client.diagnostics(uri);
      const fresh = uniqueUri('fresh.yaml');
      await client.open(fresh, to);
      assert.deepEqual(summary(got), summary(await client.diagnostics(fresh)));
      await client.close(uri);
      await client.close(fresh);
      return got;
    }
    const privileged = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'privileged-container');

    test('deleted at the end of the previous document: the finding comes back', async () => {
      const got = await edited(configMap + comment + pod, configMap + pod, (uri) => client.replace(uri, comment, ''));
      assert.ok(privileged(got));
    });
    test('inserted at the end of the previous document: the finding goes', async () => {
      const got = await edited(configMap + pod, configMap + comment + pod, (uri) => client.replace(uri, '--- {', comment + '--- {'));
      assert.ok(!privileged(got));
    });
    test('deleted at the start of the file: the finding comes back', async () => {
      const got = await edited(comment + pod, pod, (uri) => client.replace(uri, comment, ''));
      assert.ok(privileged(got));
    });
    test('inserted at the start of the file: the finding goes', async () => {
      const got = await edited(pod, comment + pod, (uri) => client.replace(uri, '--- {', comment + '--- {'));
      assert.ok(!privileged(got));
    });
  });
}
