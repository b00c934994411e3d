// The real server on a chart on disk with a stub `helm` that prints the recorded rendering: opening a
// chart file renders it once, saving renders again, typing never does; findings land on the template
// and values lines (push and pull); without helm, Chart.yaml gets one note and nothing else; a helm
// failure's stderr reaches neither diagnostics nor logs. Then the real helm, when one is on the PATH.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, ensureBuilt, TestClient } from './client';
import { chartFiles, chartRendering } from '../helpers/helm-fixture';
import { helmStub } from '../helpers/helm-stub';

function chartFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kube-harden-helm-'));
  for (const [path, text] of Object.entries(chartFiles)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const rendered = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.code !== 'not-checked')
    .map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.character + 1}`)
    .sort();

const templateFindings = ['restricted-capabilities@26:13-25', 'restricted-capabilities@27:21-32'];
// The container's securityContext comes from `toYaml .Values.securityContext`: the fields it lacks are reported on that key.
const valuesFindings = ['allow-privilege-escalation@13:29-33', 'restricted-seccomp-profile@12:1-16', 'run-as-non-root@12:1-16', 'run-as-user@9:14-15'];

const calls = (argsFile: string) => (existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split('\n').length : 0);

/** Resolves when `test` holds, checked every 50 ms (for what the server does not announce). */
async function poll(test: () => boolean, what: string, timeout = 20000): Promise<void> {
  for (const start = Date.now(); !test(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
  }
}

/** The latest publication for `uri` that satisfies `test`. */
async function published(client: TestClient, uri: string, test: (d: Diagnostic[]) => boolean, what: string, timeout = 5000): Promise<Diagnostic[]> {
  let found: Diagnostic[] | undefined;
  await client.waitFor(
    () => {
      const last = (client.published.get(uri) ?? []).at(-1);
      if (last && test(last.diagnostics)) found = last.diagnostics;
      return found !== undefined;
    },
    what,
    timeout,
  );
  return found!;
}

describe('Helm charts in the editor, with a stub helm (push)', () => {
  let client: TestClient;
  let folder: string;
  let argsFile: string;
  const uri = (path: string) => pathToFileURL(join(folder, path)).href;
  before(async () => {
    ensureBuilt();
    folder = chartFolder();
    argsFile = join(folder, 'helm-args');
    client = await TestClient.start({ pull: false, workspaceFolders: [folder], settings: { helm: { command: helmStub({ stdout: chartRendering, argsFile }), valuesFiles: ['prod.yaml'] } } });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('opening a template renders the chart: findings on its literal lines, and on the values keys that toYaml blocks take', async () => {
    const template = uri('web/templates/deployment.yaml');
    await client.open(template, chartFiles['web/templates/deployment.yaml']);
    const diagnostics = await published(client, template, (d) => rendered(d).length > 0, 'the rendered findings on the template');
    assert.deepEqual(rendered(diagnostics), templateFindings);
    // The raw template is still not linted: its note stays.
    assert.equal(diagnostics.filter((d) => d.code === 'not-checked').length, 1);
    assert.deepEqual(JSON.parse(readFileSync(argsFile, 'utf8').trim()), ['template', 'web', join(folder, 'web'), '-f', join(folder, 'web', 'prod.yaml')]);
    assert.ok(
      client.logs.some((l) => /^Helm: rendered .* in \d+ ms, checked and mapped in \d+ ms: 6 findings\.$/.test(l)),
      'the render time is logged',
    );

    const values = uri('web/values.yaml');
    await client.open(values, chartFiles['web/values.yaml']);
    assert.deepEqual(rendered(await published(client, values, (d) => rendered(d).length > 0, 'the values findings')), valuesFindings);
    // Opening another file of a chart already rendered does not render it again.
    assert.equal(calls(argsFile), 1);
  });

  test('quick fixes set the value in values.yaml, for a value it sets and for a field its block lacks; none once the file moved on', async () => {
    const values = uri('web/values.yaml');
    const diagnostics = (client.published.get(values) ?? []).at(-1)!.diagnostics;
    const escalation = diagnostics.find((d) => d.code === 'allow-privilege-escalation')!;
    const [action] = await client.codeActions(values, escalation.range, [escalation]);
    assert.equal(action?.title, 'Set allowPrivilegeEscalation: false on "web" in values.yaml');
    assert.deepEqual(Object.keys(action.edit!.changes!), [values]);
    const fixed = applyTextEdits(chartFiles['web/values.yaml'], action.edit!.changes![values]);
    assert.equal(fixed, chartFiles['web/values.yaml'].replace('allowPrivilegeEscalation: true', 'allowPrivilegeEscalation: false'));

    const seccomp = diagnostics.find((d) => d.code === 'restricted-seccomp-profile')!;
    const missing = (await client.codeActions(values, seccomp.range, [seccomp])).filter((a) => a.title.endsWith('values.yaml'));
    assert.equal(missing.length, 1);
    assert.match(applyTextEdits(chartFiles['web/values.yaml'], missing[0].edit!.changes![values]), /fsGroup: 2000\n {2}seccompProfile:\n {4}type: RuntimeDefault\n/);

    // Typed but not saved: the render no longer matches the file, so its fix is not offered.
    await client.replace(values, 'fsGroup: 2000', 'fsGroup: 2001');
    assert.deepEqual(await client.codeActions(values, escalation.range, [escalation]), []);
    await client.replace(values, 'fsGroup: 2001', 'fsGroup: 2000');
  });

  test('typing never renders; saving does', async () => {
    const values = uri('web/values.yaml');
    const before = calls(argsFile);
    await client.replace(values, 'replicaCount: 2', 'replicaCount: 3');
    await published(client, values, () => (client.published.get(values)?.at(-1)?.version ?? 0) === client.version(values), 'the change to be analysed');
    assert.equal(calls(argsFile), before);
    await client.notification('textDocument/didSave', { textDocument: { uri: values } });
    await client.waitFor(() => calls(argsFile) === before + 1, 'a render on save');
  });
});

describe('Helm charts in the editor: a newer render cancels the older', () => {
  const hardened = chartRendering.replace('allowPrivilegeEscalation: true', 'allowPrivilegeEscalation: false');

  test("a save during the render of the open: two helm runs, only the second one's findings", async () => {
    ensureBuilt();
    const folder = chartFolder();
    const argsFile = join(folder, 'helm-args');
    const client = await TestClient.start({
      pull: false,
      workspaceFolders: [folder],
      settings: { helm: { command: helmStub({ stdout: chartRendering, laterStdout: hardened, argsFile, delayMs: 4000 }) } },
    });
    try {
      const values = pathToFileURL(join(folder, 'web/values.yaml')).href;
      await client.open(values, chartFiles['web/values.yaml']);
      // The open's render has started (the stub wrote its arguments) when the save comes. The server
      // sends nothing meanwhile, so the file is polled rather than checked on the server's messages.
      await poll(() => calls(argsFile) === 1, 'the first render to start');
      await client.notification('textDocument/didSave', { textDocument: { uri: values } });
      await poll(() => calls(argsFile) === 2, 'the second render to start');
      assert.deepEqual(rendered(await published(client, values, (d) => d.length > 0, 'the findings', 20000)), ['restricted-seccomp-profile@12:1-16', 'run-as-non-root@12:1-16', 'run-as-user@9:14-15']);
      // The first rendering (with allowPrivilegeEscalation: true) was never published.
      const all = (client.published.get(values) ?? []).flatMap((p) => p.diagnostics);
      assert.ok(!all.some((d) => d.code === 'allow-privilege-escalation'));
      assert.equal(client.logs.filter((l) => l.startsWith('Helm: rendered')).length, 1, 'the cancelled render reports nothing');
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('Helm charts in the editor: subcharts', () => {
  test("a subchart's file renders its parent chart, with the parent's values", async () => {
    ensureBuilt();
    const folder = chartFolder();
    const argsFile = join(folder, 'helm-args');
    const sub = join(folder, 'web/charts/db');
    mkdirSync(join(sub, 'templates'), { recursive: true });
    writeFileSync(join(sub, 'Chart.yaml'), 'apiVersion: v2\nname: db\nversion: 0.1.0\n');
    writeFileSync(join(sub, 'templates/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n');
    const client = await TestClient.start({ pull: false, workspaceFolders: [folder], settings: { helm: { command: helmStub({ stdout: chartRendering, argsFile }) } } });
    try {
      await client.open(pathToFileURL(join(sub, 'templates/pod.yaml')).href, readFileSync(join(sub, 'templates/pod.yaml'), 'utf8'));
      await poll(() => calls(argsFile) === 1, 'the render');
      assert.deepEqual(JSON.parse(readFileSync(argsFile, 'utf8').trim()).slice(0, 3), ['template', 'web', join(folder, 'web')]);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('Helm charts in the editor (pull)', () => {
  let client: TestClient;
  let folder: string;
  const uri = (path: string) => pathToFileURL(join(folder, path)).href;
  before(async () => {
    ensureBuilt();
    folder = chartFolder();
    client = await TestClient.start({ pull: true, workspaceFolders: [folder], settings: { helm: { command: helmStub({ stdout: chartRendering }) } } });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a finished render asks the client to pull again, and the values file gets its findings', async () => {
    const values = uri('web/values.yaml');
    const refreshes = client.refreshes;
    await client.open(values, chartFiles['web/values.yaml']);
    // The server logs the render just before it takes the results: any pull after the log line sees them.
    await client.waitFor(() => client.logs.some((l) => l.startsWith('Helm: rendered')), 'the render');
    await client.waitFor(() => client.refreshes > refreshes, 'a diagnostic refresh');
    assert.deepEqual(rendered(await client.diagnostics(values)), valuesFindings);
  });
});

describe('Helm charts in the editor without helm, or with a failing one', () => {
  let folder: string;
  const uri = (path: string) => pathToFileURL(join(folder, path)).href;
  before(() => {
    ensureBuilt();
    folder = chartFolder();
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('no helm: one info note on Chart.yaml saying how to enable it, nothing on the other files; setting the command renders the chart', async () => {
    const client = await TestClient.start({ pull: false, workspaceFolders: [folder], settings: { helm: { command: join(folder, 'no-helm-here') } } });
    try {
      const chart = uri('web/Chart.yaml');
      const values = uri('web/values.yaml');
      await client.open(values, chartFiles['web/values.yaml']);
      await client.open(chart, chartFiles['web/Chart.yaml']);
      const notes = await published(client, chart, (d) => d.length > 0, 'the note on Chart.yaml');
      assert.equal(notes.length, 1);
      assert.equal(notes[0].severity, 3);
      assert.equal(notes[0].code, 'helm-not-rendered');
      assert.match(String(notes[0].message), /kubeHarden\.helm\.command/);
      assert.deepEqual(notes[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'apiVersion: v2'.length } });
      assert.deepEqual((client.published.get(values) ?? []).at(-1)?.diagnostics ?? [], []);

      // Doing what the note says: the chart renders at once, the note goes, the findings come.
      client.settings = { helm: { command: helmStub({ stdout: chartRendering }) } };
      await client.notification('workspace/didChangeConfiguration', { settings: {} });
      assert.deepEqual(rendered(await published(client, values, (d) => d.length > 0, 'the findings after the setting changed')), valuesFindings);
      await published(client, chart, (d) => d.length === 0, 'the note to go');
    } finally {
      await client.stop();
    }
  });

  test('a failing helm: a note with its exit code; its stderr, which quotes values, is nowhere', async () => {
    const secret = 'hunter2-not-for-logs';
    const command = helmStub({ fail: { code: 1, stderr: `Error: template: web/templates/secret.yaml: password ${secret}` } });
    const client = await TestClient.start({ pull: false, workspaceFolders: [folder], settings: { helm: { command } } });
    try {
      const chart = uri('web/Chart.yaml');
      await client.open(chart, chartFiles['web/Chart.yaml']);
      const notes = await published(client, chart, (d) => d.length > 0, 'the note on Chart.yaml');
      assert.equal(notes.length, 1);
      assert.match(String(notes[0].message), /exited with code 1/);
      assert.doesNotMatch(JSON.stringify([...client.published.values()]) + client.logs.join('\n'), new RegExp(secret));
    } finally {
      await client.stop();
    }
  });
});

describe('Helm charts with the real helm', () => {
  const helm = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
  const reason = helm.error || helm.status !== 0 ? 'no helm on the PATH: the real render is not tested here (the stub tests above stand in)' : undefined;
  if (reason) console.log(`# skipped: ${reason}`);

  test('the fixture chart rendered by helm itself maps like the recording', { skip: reason }, async () => {
    ensureBuilt();
    const folder = chartFolder();
    const client = await TestClient.start({ pull: false, workspaceFolders: [folder], settings: { helm: { command: 'helm' } } });
    try {
      const template = pathToFileURL(join(folder, 'web/templates/deployment.yaml')).href;
      await client.open(template, chartFiles['web/templates/deployment.yaml']);
      const diagnostics = await published(client, template, (d) => rendered(d).length > 0, 'the rendered findings', 20000);
      assert.deepEqual(rendered(diagnostics), templateFindings);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
