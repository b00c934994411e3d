// Protocol tests for what decides the level: editor settings (pulled per resource, pushed, or given at
// initialization), Namespace labels in the file and in the workspace, and `.kube-harden.yaml`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, messageOf, positionOf, TestClient, uniqueUri } from './client';
import { rulesById } from '../../rules';

const baselineRules = new Set([
  'privileged-container',
  'host-namespaces',
  'host-path-volumes',
  'host-ports',
  'host-probes-and-lifecycle',
  'baseline-capabilities',
  'apparmor-profile',
  'selinux-options',
  'proc-mount',
  'baseline-seccomp-profile',
  'unsafe-sysctls',
  'windows-host-process',
]);

const pod = (namespace?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
`;

/** The Pod Security diagnostics: the other families' (network, runtime, images…) do not depend on the level. */
function podSecurity(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => rulesById.get(String(d.code))?.meta.category === 'pod-security' || !rulesById.has(String(d.code)));
}

function codes(diagnostics: Diagnostic[]): string[] {
  return [...new Set(podSecurity(diagnostics).map((d) => String(d.code)))].sort();
}

function onlyBaseline(diagnostics: Diagnostic[]): boolean {
  const pss = podSecurity(diagnostics);
  return pss.length > 0 && pss.every((d) => baselineRules.has(String(d.code)));
}

describe('settings from workspace/configuration (pull client)', () => {
  let client: TestClient;
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: true, settings: {} });
  });
  after(() => client.stop());

  test('didChangeConfiguration to baseline removes the restricted-only diagnostics', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod());
    const restricted = await client.diagnostics(uri);
    assert.ok(restricted.some((d) => d.code === 'run-as-non-root'));
    const refreshes = client.refreshes;
    client.settings = { podSecurityLevel: 'baseline' };
    await client.notification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.refreshes > refreshes, 'diagnostic refresh');
    const baseline = await client.diagnostics(uri);
    assert.deepEqual(codes(baseline), ['privileged-container']);
    client.settings = {};
    await client.notification('workspace/didChangeConfiguration', { settings: null });
  });

  test('per-rule severities and off', async () => {
    const uri = uniqueUri('pod.yaml');
    client.settings = { rules: { 'privileged-container': 'off', 'run-as-non-root': 'error' } };
    await client.notification('workspace/didChangeConfiguration', { settings: null });
    await client.open(uri, pod());
    const diagnostics = await client.diagnostics(uri);
    assert.ok(!diagnostics.some((d) => d.code === 'privileged-container'));
    assert.equal(diagnostics.find((d) => d.code === 'run-as-non-root')!.severity, 1);
    const { rules }: { rules: Array<{ id: string; enabled: boolean; severity: string }> } = await client.request('kubeHarden/listRules');
    assert.equal(rules.find((r) => r.id === 'privileged-container')!.enabled, false);
    assert.equal(rules.find((r) => r.id === 'run-as-non-root')!.severity, 'error');
    client.settings = { enable: false };
    await client.notification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await client.diagnostics(uri), []);
    client.settings = {};
    await client.notification('workspace/didChangeConfiguration', { settings: null });
  });

  test('a Namespace with enforce: baseline in the same file limits findings to baseline', async () => {
    const uri = uniqueUri('ns.yaml');
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: apps
  labels:
    pod-security.kubernetes.io/enforce: baseline
---
${pod('apps')}---
${pod('other').replace('name: web', 'name: other')}`;
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    const inApps = diagnostics.filter((d) => d.range.start.line < positionOf(text, 'name: other').line);
    assert.deepEqual(codes(inApps), ['privileged-container']);
    // The Pod in another namespace is still checked at restricted.
    const inOther = diagnostics.filter((d) => d.range.start.line > positionOf(text, 'name: other').line);
    assert.ok(inOther.some((d) => d.code === 'run-as-non-root'));
  });
});

describe('settings for clients without workspace/configuration (push client)', () => {
  let client: TestClient;
  before(async () => {
    ensureBuilt();
    client = await TestClient.start({ pull: false, configuration: false, initializationOptions: { settings: { podSecurityLevel: 'baseline' } } });
  });
  after(() => client.stop());

  test('initializationOptions.settings apply, and pushed settings replace them', async () => {
    const uri = uniqueUri('pod.yaml');
    await client.open(uri, pod());
    assert.ok(onlyBaseline(await client.diagnostics(uri)));
    const count = client.published.get(uri)!.length;
    await client.notification('workspace/didChangeConfiguration', { settings: { kubeHarden: { podSecurityLevel: 'restricted' } } });
    await client.waitFor(() => client.published.get(uri)!.length > count, 're-published diagnostics');
    assert.ok(
      client.published
        .get(uri)!
        .at(-1)!
        .diagnostics.some((d) => d.code === 'run-as-non-root'),
    );
  });
});

describe('workspace folder: .kube-harden.yaml and Namespace manifests', () => {
  let folder: string;
  let client: TestClient;
  const fileUri = (name: string) => pathToFileURL(join(folder, name)).href;

  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-ws-'));
    writeFileSync(join(folder, '.kube-harden.yaml'), 'podSecurityLevel: baseline\n');
    writeFileSync(
      join(folder, 'namespaces.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.30\n',
    );
    client = await TestClient.start({ pull: true, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('the server watches the config file and the manifests', async () => {
    await client.waitFor(() => client.registrations.includes('workspace/didChangeWatchedFiles'), 'watcher registration');
  });

  test('.kube-harden.yaml with podSecurityLevel: baseline is honoured', async () => {
    const uri = fileUri('app.yaml');
    await client.open(uri, pod());
    assert.ok(onlyBaseline(await client.diagnostics(uri)));
  });

  test('a Namespace elsewhere in the workspace sets the level of its resources', async () => {
    const uri = fileUri('team.yaml');
    await client.open(uri, pod('team'));
    // The folder scan runs in the background and asks for a refresh when it finds the Namespace.
    await client.waitFor(() => client.refreshes > 0, 'refresh after the workspace scan');
    const diagnostics = await client.diagnostics(uri);
    assert.ok(
      diagnostics.some((d) => d.code === 'run-as-non-root'),
      codes(diagnostics).join(),
    );
    await client.waitFor(() => client.statuses.some((s) => s.uri === uri && s.level === 'restricted'), 'status at restricted');
  });

  test('a Namespace manifest created on disk is picked up from the file watcher', async () => {
    const uri = fileUri('late.yaml');
    await client.open(uri, pod('late'));
    assert.ok(onlyBaseline(await client.diagnostics(uri)));
    const refreshes = client.refreshes;
    writeFileSync(join(folder, 'late-ns.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: late\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n');
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('late-ns.yml'), type: 1 }] });
    await client.waitFor(() => client.refreshes > refreshes, 'refresh after the new Namespace');
    assert.ok((await client.diagnostics(uri)).some((d) => d.code === 'run-as-non-root'));
    // Deleting it brings the folder's level back.
    rmSync(join(folder, 'late-ns.yml'));
    const again = client.refreshes;
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('late-ns.yml'), type: 3 }] });
    await client.waitFor(() => client.refreshes > again, 'refresh after the deletion');
    assert.ok(onlyBaseline(await client.diagnostics(uri)));
  });

  test('an invalid config file gets diagnostics and the server keeps working', async () => {
    const refreshes = client.refreshes;
    const text = 'podSecurityLevel: strict\nkubernetesVersion: "1.29"\nunknownKey: 1\n';
    writeFileSync(join(folder, '.kube-harden.yaml'), text);
    await client.notification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('.kube-harden.yaml'), type: 2 }] });
    await client.waitFor(() => client.refreshes > refreshes, 'refresh after the config change');
    // The invalid level is dropped: back to the default, restricted.
    const uri = fileUri('app.yaml');
    assert.ok((await client.diagnostics(uri)).some((d) => d.code === 'run-as-non-root'));
    await client.waitFor(() => client.logs.some((l) => l.includes('.kube-harden.yaml') && l.includes('podSecurityLevel')), 'a log line');
    const configUri = fileUri('.kube-harden.yaml');
    await client.open(configUri, text);
    const problems = await client.diagnostics(configUri);
    assert.ok(problems.length >= 2, JSON.stringify(problems));
    assert.ok(problems.every((d) => d.code === 'invalid-config' && d.severity === 1));
    assert.deepEqual(problems.find((d) => /podSecurityLevel/.test(messageOf(d)))!.range.start, { line: 0, character: 18 });
    // Editing the open config file takes effect without saving.
    const before = client.refreshes;
    await client.replace(configUri, 'podSecurityLevel: strict', 'podSecurityLevel: baseline');
    await client.replace(configUri, 'unknownKey: 1\n', '');
    await client.waitFor(() => client.refreshes > before, 'refresh after editing the config');
    assert.deepEqual(await client.diagnostics(configUri), []);
    assert.ok(onlyBaseline(await client.diagnostics(uri)));
    await client.close(configUri);
  });

  test('broken YAML in the config file is reported, not fatal', async () => {
    const configUri = fileUri('.kube-harden.yml');
    await client.open(configUri, 'podSecurityLevel: [baseline\n');
    const problems = await client.diagnostics(configUri);
    assert.equal(problems.length, 1);
    assert.match(messageOf(problems[0]), /invalid YAML/);
    assert.ok(client.alive);
  });
});
