// Protocol tests for offline documentation and the server's log: "Show documentation" opens the rule
// page that ships beside the bundle (a file: URL, in the editor), falling back to the web page;
// codeDescription links are made from package.json's repository; the log names the version, the
// effective settings and each indexing with its time, and errors by kind and first line only.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeAction } from 'vscode-languageserver-protocol/node';
import { docFile, docsUrl, repositoryWebUrl } from '../../rules';
import { errorMessage } from '../../server/src/engine';
import { bundledDoc, packageRoot } from '../../server/src/lsp/documentation';
import { ensureBuilt, root, TestClient, uniqueUri } from './client';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

describe('documentation links and Show documentation', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-docs-'));
    writeFileSync(join(folder, 'a.yaml'), pod);
    writeFileSync(join(folder, 'b.yaml'), pod);
    writeFileSync(join(folder, '.kube-harden.yaml'), 'podSecurityLevel: baseline\n');
    client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
  });
  after(() => client.stop());

  test('codeDescription.href is the rule page under the repository of package.json', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    const [privileged] = (await client.diagnostics(uri)).filter((d) => d.code === 'privileged-container');
    assert.equal(repositoryWebUrl(), manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''));
    assert.equal(privileged.codeDescription!.href, `${repositoryWebUrl()}/blob/main/rules/pod-security/privileged-container.md`);
    assert.equal(repositoryWebUrl({ url: 'git+https://example.test/org/repo.git' }), 'https://example.test/org/repo');
    assert.equal(repositoryWebUrl('https://example.test/org/repo/'), 'https://example.test/org/repo');
  });

  test('Show documentation opens the bundled page as a file, and the web page when the file is not one of ours', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    const [privileged] = (await client.diagnostics(uri)).filter((d) => d.code === 'privileged-container');
    const actions = (await client.codeActions(uri, privileged.range, [privileged])) as CodeAction[];
    const docs = actions.find((a) => a.title === 'Show documentation for privileged-container')!;
    assert.deepEqual(docs.command!.arguments, [docsUrl('privileged-container'), 'rules/pod-security/privileged-container.md']);
    const before = client.shownDocuments.length;
    await client.request('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    await client.waitFor(() => client.shownDocuments.length > before, 'showDocument');
    assert.equal(client.shownDocuments[before], pathToFileURL(join(root, 'rules', 'pod-security', 'privileged-container.md')).href);
    // A path outside the documentation is never opened: the web page is shown instead.
    await client.request('workspace/executeCommand', { command: docs.command!.command, arguments: [docsUrl('privileged-container'), '../package.json'] });
    await client.waitFor(() => client.shownDocuments.length > before + 1, 'showDocument');
    assert.equal(client.shownDocuments[before + 1], docsUrl('privileged-container'));
  });

  test('the hover names the compliance references of the rule', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod);
    await client.diagnostics(uri);
    const hover = await client.hover(uri, { line: 9, character: 21 });
    assert.match((hover!.contents as { value: string }).value, /Compliance: CIS 5\.2\.2; NSA-CISA Pod security enforcement/);
  });

  test('the log names the version, the effective settings and the indexing with its time', async () => {
    await client.waitFor(() => client.logs.some((l) => l.startsWith('Indexed ')), 'the indexing summary');
    assert.ok(
      client.logs.some((l) => l.startsWith(`kube-harden ${manifest.version} on Node v`)),
      client.logs.join('\n'),
    );
    const settings = client.logs.find((l) => l.startsWith('Settings (at start): '));
    assert.ok(settings, client.logs.join('\n'));
    assert.equal(JSON.parse(settings.slice('Settings (at start): '.length)).podSecurityLevel, 'restricted');
    // The folder's .kube-harden.yaml sets baseline: the effective configuration says so.
    const effective = client.logs.find((l) => l.startsWith('Effective configuration of ') && l.includes('kube-harden-docs-'));
    assert.ok(effective, client.logs.join('\n'));
    assert.equal(JSON.parse(effective.slice(effective.indexOf('{'))).podSecurityLevel, 'baseline');
    assert.ok(
      client.logs.some((l) => new RegExp(`^Indexed .*kube-harden-docs-.*: 2 YAML file\\(s\\) in \\d+ ms\\.$`).test(l)),
      client.logs.join('\n'),
    );
    // Information, not errors: an editor that shows errors as notifications must not pop these up.
    const info = client.logs.filter((l) => /^(Indexed |Settings |Effective configuration |kube-harden \d)/.test(l));
    assert.deepEqual(
      info.map((l) => client.logTypes.get(l)),
      info.map(() => 3),
    );
  });
});

describe('bundled pages and error descriptions', () => {
  test('bundledDoc: only documentation paths that exist under the package root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-harden-root-'));
    mkdirSync(join(dir, 'rules', 'pod-security'), { recursive: true });
    writeFileSync(join(dir, 'rules', 'pod-security', 'host-ports.md'), '# host-ports\n');
    assert.equal(bundledDoc('rules/pod-security/host-ports.md', dir), pathToFileURL(join(dir, 'rules', 'pod-security', 'host-ports.md')).href);
    assert.equal(bundledDoc('rules/pod-security/privileged-container.md', dir), undefined);
    for (const bad of ['../x.md', 'rules/../package.json', '/etc/passwd', 42, undefined]) assert.equal(bundledDoc(bad, dir), undefined, String(bad));
    assert.equal(packageRoot(join(root, 'server', 'src', 'lsp')), root);
    assert.equal(docFile('yaml-syntax'), 'docs/yaml-syntax.md');
    assert.equal(docFile('no-such-rule'), '');
  });

  test('errorMessage keeps the kind and the first line, never a quoted excerpt', () => {
    const error = new SyntaxError('Nested mappings are not allowed at line 3, column 9:\n\n  password: hunter2\n        ^');
    const text = errorMessage(error, { stack: true });
    assert.match(text, /^SyntaxError: Nested mappings are not allowed at line 3, column 9:/);
    assert.ok(!text.includes('hunter2'));
    assert.equal(errorMessage(error), 'Nested mappings are not allowed at line 3, column 9:');
    assert.equal(errorMessage({ password: 'hunter2' }), 'a thrown object');
  });
});
