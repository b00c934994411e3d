// Protocol test for Localhost seccomp profiles linked to the workspace's profile files: the bundled
// server indexes the profile `.json` files of the folder, reports a localhostProfile that none of
// them is, answers go-to-definition and hover on the value, and follows a profile file created on
// disk (watched-file event).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, Location, LocationLink } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, messageOf, positionOf, TestClient } from './client';

const rule = 'seccomp-localhost-profile-missing';
const profile = JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['execve', 'mmap', 'exit_group', 'read', 'write'], action: 'SCMP_ACT_ALLOW' }] }, null, 2) + '\n';
const pod = `apiVersion: v1
kind: Pod
metadata:
  name: audit-pod
spec:
  securityContext:
    seccompProfile:
      type: Localhost
      localhostProfile: profiles/audit.json
  containers:
  - name: app
    image: hashicorp/http-echo:1.0
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: profiles/violation.json}
`;

const missing = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === rule);

describe('Localhost seccomp profiles and the profile files of the workspace', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-seccomp-'));
    mkdirSync(join(folder, 'seccomp', 'profiles'), { recursive: true });
    mkdirSync(join(folder, 'apps'));
    writeFileSync(join(folder, 'seccomp', 'profiles', 'audit.json'), profile);
    writeFileSync(join(folder, 'package.json'), '{"name": "not-a-profile"}\n');
    client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('the server offers go-to-definition', () => {
    assert.equal(client.initializeResult.capabilities.definitionProvider, true);
  });

  test('a missing profile is reported; the one on disk is linked by hover and go-to-definition', async () => {
    const uri = pathToFileURL(join(folder, 'apps', 'pod.yaml')).href;
    await client.open(uri, pod);
    await client.waitFor(() => missing(client.published.get(uri)?.at(-1)?.diagnostics ?? []).length === 1, 'the missing profile');
    const [finding] = missing(client.published.get(uri)!.at(-1)!.diagnostics);
    assert.deepEqual(finding.range, { start: positionOf(pod, 'profiles/violation.json'), end: { line: 13, character: 81 } });
    assert.match(messageOf(finding), /^container "app" uses the Localhost seccomp profile "profiles\/violation.json", which no profile file of the workspace is/);

    const at = positionOf(pod, 'profiles/audit.json');
    const links = await client.request<LocationLink[] | null>('textDocument/definition', { textDocument: { uri }, position: { line: at.line, character: at.character + 4 } });
    const target = pathToFileURL(join(folder, 'seccomp', 'profiles', 'audit.json')).href;
    assert.deepEqual(links, [
      {
        originSelectionRange: { start: at, end: { line: at.line, character: at.character + 'profiles/audit.json'.length } },
        targetUri: target,
        targetRange: { start: { line: 1, character: 19 }, end: { line: 1, character: 35 } },
        targetSelectionRange: { start: { line: 1, character: 19 }, end: { line: 1, character: 35 } },
      },
    ]);
    const hover = await client.hover(uri, at);
    assert.match(JSON.stringify(hover?.contents), /Seccomp profile `..\/seccomp\/profiles\/audit.json`.*an allow-list: it lets 5 syscall\(s\) run/);
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri }, position: positionOf(pod, 'audit-pod') }), null);

    // The missing profile written to disk: the finding goes, and the value now leads to the new file.
    const seen = client.published.get(uri)!.length;
    const created = join(folder, 'seccomp', 'profiles', 'violation.json');
    writeFileSync(created, profile);
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(created).href, type: 1 }] });
    await client.waitFor(() => (client.published.get(uri) ?? []).slice(seen).some((p) => missing(p.diagnostics).length === 0), 'the finding to clear');
    const other = await client.request<LocationLink[] | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(pod, 'profiles/violation.json') });
    assert.equal(other?.[0].targetUri, pathToFileURL(created).href);
    await client.close(uri);
  });

  test('a client without link support gets Locations', async () => {
    const plain = await TestClient.start({ pull: false, workspaceFolders: [folder], definitionLinks: false });
    try {
      const uri = pathToFileURL(join(folder, 'apps', 'other.yaml')).href;
      await plain.open(uri, pod);
      await plain.waitFor(() => (plain.published.get(uri)?.length ?? 0) > 0, 'diagnostics');
      const locations = await plain.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(pod, 'profiles/audit.json') });
      assert.deepEqual(locations, [{ uri: pathToFileURL(join(folder, 'seccomp', 'profiles', 'audit.json')).href, range: { start: { line: 1, character: 19 }, end: { line: 1, character: 35 } } }]);
    } finally {
      await plain.stop();
    }
  });
});
