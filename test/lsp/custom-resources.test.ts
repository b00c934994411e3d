// Protocol test for custom resources: a CustomResourceDefinition open in one file checks a custom
// resource open in another, and editing the CRD updates the custom resource's diagnostics without
// touching it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { widgetCrd } from '../rules/schema/widget-crd';
import { ensureBuilt, TestClient } from './client';

const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n  colour: red\n';
const unknown = (d: Diagnostic[]) => d.filter((x) => x.code === 'schema-unknown-field').map((x) => `${x.range.start.line}:${x.message}`);

let client: TestClient;
let folder: string;
before(async () => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'kube-harden-crd-'));
  client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
});
after(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function nextPublished(uri: string, seen: number, test: (d: Diagnostic[]) => boolean, what: string): Promise<void> {
  await client.waitFor(() => (client.published.get(uri) ?? []).slice(seen).some((p) => test(p.diagnostics)), what);
}

test('editing the CRD in one open file updates the custom resource in another', async () => {
  const crd = pathToFileURL(join(folder, 'crd.yaml')).href;
  const cr = pathToFileURL(join(folder, 'widget.yaml')).href;
  await client.open(cr, widget);
  assert.deepEqual(unknown(await client.diagnostics(cr)), [], 'no CRD yet: the schema is unknown');

  let seen = client.published.get(cr)!.length;
  await client.open(crd, widgetCrd());
  await nextPublished(cr, seen, (d) => unknown(d).length === 1, 'the finding once the CRD is open');
  assert.deepEqual(unknown(client.published.get(cr)!.at(-1)!.diagnostics), ['6:"colour" is not a field of Widget.spec']);

  seen = client.published.get(cr)!.length;
  await client.replace(crd, '                note:', '                colour: {type: string}\n                note:');
  await nextPublished(cr, seen, (d) => unknown(d).length === 0, 'the finding to clear when the CRD gains the field');
  await client.close(crd);
  await client.close(cr);
});
