// The hover on a finding of rendered output (`helm template`, `kustomize build`) names the file it was
// rendered from, so that the user knows where the fix belongs; the real bundled server over stdio.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MarkupContent } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, TestClient, uniqueUri } from './client';

const grafanaPath = resolve(__dirname, '../../../shared/reference/corpus/istio__addons-grafana.yaml');

const rendering = `---
# Source: app/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: rendered
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: written
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
`;

describe('hover on rendered output', () => {
  let client: TestClient;
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: false });
  });
  after(() => client.stop());

  /** The hover texts at the start of each diagnostic of `ruleId`, in order. */
  async function hovers(uri: string, text: string, ruleId: string): Promise<string[]> {
    await client.open(uri, text);
    const diagnostics = (await client.diagnostics(uri)).filter((d) => d.code === ruleId);
    assert.ok(diagnostics.length > 0, `no ${ruleId} diagnostic`);
    const out: string[] = [];
    for (const d of diagnostics) out.push(((await client.hover(uri, d.range.start))!.contents as MarkupContent).value);
    return out;
  }

  test('a finding of a document with a # Source: comment names its template; one without does not', async () => {
    const [rendered, written] = await hovers(uniqueUri('rendered.yaml'), rendering, 'privileged-container');
    assert.match(rendered, /\nRendered from `app\/templates\/pod\.yaml`\n/);
    assert.ok(!written.includes('Rendered from'), written);
  });

  test('after edits that move the documents (the server reuses unchanged ones), the source still holds', async () => {
    const uri = uniqueUri('edited.yaml');
    await hovers(uri, rendering, 'privileged-container');
    await client.replace(uri, '---\n# Source', '# Rendered by helm\n---\n# Source');
    await client.replace(uri, 'app/templates/pod.yaml', 'app/templates/pods.yaml');
    const diagnostics = (await client.diagnostics(uri)).filter((d) => d.code === 'privileged-container');
    const values = await Promise.all(diagnostics.map(async (d) => ((await client.hover(uri, d.range.start))!.contents as MarkupContent).value));
    assert.equal(values.length, 2);
    assert.match(values[0], /Rendered from `app\/templates\/pods\.yaml`/);
    assert.ok(!values[1].includes('Rendered from'));
  });

  test('real helm template output (Istio grafana addon)', { skip: !existsSync(grafanaPath) && 'corpus not present' }, async () => {
    const values = await hovers(uniqueUri('grafana.yaml'), readFileSync(grafanaPath, 'utf8'), 'run-as-non-root');
    for (const value of values) assert.match(value, /Rendered from `grafana\/templates\/deployment\.yaml`/);
  });
});
