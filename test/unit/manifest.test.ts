// Checks package.json as the extension manifest: the commands and where they show, the five settings
// and their defaults (the same as the engine's), the per-rule severity setting listing exactly the
// catalog's rule ids, the grammar, the entry points and a VS Code API version vsce will package.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultConfig, parseMinor } from '../../server/src/engine';
import { rules } from '../../rules';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const settings: Record<string, Record<string, unknown>> = contributes.configuration.properties;

interface Command {
  command: string;
  title: string;
  category?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const commandIds = ['kubeHarden.hardenPod', 'kubeHarden.hardenFile', 'kubeHarden.listRules', 'kubeHarden.scanImages', 'kubeHarden.restartServer'];

test('the five commands, in the kube-harden category', () => {
  const commands: Command[] = contributes.commands;
  assert.deepEqual(commands.map((c) => c.command).sort(), [...commandIds].sort());
  for (const command of commands) {
    assert.equal(command.category, 'kube-harden', command.command);
    assert.ok(command.title.length > 0, command.command);
  }
  const titles = Object.fromEntries(commands.map((c) => [c.command, c.title]));
  assert.equal(titles['kubeHarden.hardenPod'], 'Harden this workload');
  assert.equal(titles['kubeHarden.hardenFile'], 'Harden all workloads in this file');
  assert.equal(titles['kubeHarden.listRules'], 'Show rules');
  assert.equal(titles['kubeHarden.scanImages'], 'Scan images in this file');
  // The server's commands are registered by the language client; the manifest must not claim them.
  assert.ok(commands.every((c) => !c.command.startsWith('kubeHarden.server.')));
});

test('the harden commands show in the palette and the editor context menu of Kubernetes YAML files only', () => {
  const palette: MenuItem[] = contributes.menus.commandPalette;
  const context: MenuItem[] = contributes.menus['editor/context'];
  // `kubeHarden.isKubernetesFile` is set by the client from the server's status of the active file.
  const when = 'editorLangId == yaml && kubeHarden.isKubernetesFile';
  for (const id of ['kubeHarden.hardenPod', 'kubeHarden.hardenFile']) {
    assert.equal(palette.find((m) => m.command === id)?.when, when, `${id} in the palette`);
    const item = context.find((m) => m.command === id);
    assert.ok(item, `${id} missing from editor/context`);
    assert.equal(item.when, when);
  }
  assert.equal(palette.find((m) => m.command === 'kubeHarden.scanImages')?.when, when, 'the scan in the palette');
  // Menu entries may only name contributed commands.
  for (const item of [...palette, ...context]) assert.ok(commandIds.includes(item.command), item.command);
});

test('activation on YAML files and on a workspace with .kube-harden.yaml', () => {
  assert.deepEqual([...manifest.activationEvents].sort(), ['onLanguage:yaml', 'workspaceContains:**/.kube-harden.yaml'].sort());
});

test('exactly the settings listed, each documented', () => {
  assert.deepEqual(Object.keys(settings).sort(), [
    'kubeHarden.customRules',
    'kubeHarden.enable',
    'kubeHarden.exclude',
    'kubeHarden.helm.command',
    'kubeHarden.helm.valuesFiles',
    'kubeHarden.imageScan.cacheMinutes',
    'kubeHarden.imageScan.scanner',
    'kubeHarden.imageScan.timeoutSeconds',
    'kubeHarden.images.allowedRegistries',
    'kubeHarden.kubernetesVersion',
    'kubeHarden.kustomize.command',
    'kubeHarden.kustomize.render',
    'kubeHarden.peerSuppressions',
    'kubeHarden.podSecurityLevel',
    'kubeHarden.policies.folder',
    'kubeHarden.rules',
    'kubeHarden.schema.enable',
    'kubeHarden.secrets.credentialNames',
    'kubeHarden.trace.server',
  ]);
  for (const [key, schema] of Object.entries(settings)) {
    assert.equal(typeof schema.markdownDescription, 'string', `${key} has no markdownDescription`);
    if (key === 'kubeHarden.trace.server') continue;
    // An executable the server runs: a cloned repository's workspace settings must not choose it.
    if (key === 'kubeHarden.helm.command' || key === 'kubeHarden.kustomize.command' || key === 'kubeHarden.imageScan.scanner') assert.equal(schema.scope, 'machine', `${key} should be machine-scoped`);
    else assert.equal(schema.scope, 'resource', `${key} should be resource-scoped`);
  }
});

test('setting defaults are those of the engine', () => {
  assert.equal(settings['kubeHarden.enable'].type, 'boolean');
  assert.equal(settings['kubeHarden.enable'].default, true);
  assert.equal(settings['kubeHarden.kubernetesVersion'].default, defaultConfig.kubernetesVersion);
  assert.equal(settings['kubeHarden.kubernetesVersion'].default, '1.37');
  assert.equal(settings['kubeHarden.podSecurityLevel'].default, defaultConfig.podSecurityLevel);
  assert.equal(settings['kubeHarden.podSecurityLevel'].default, 'restricted');
  assert.deepEqual(settings['kubeHarden.podSecurityLevel'].enum, ['privileged', 'baseline', 'restricted']);
  assert.equal((settings['kubeHarden.podSecurityLevel'].enumDescriptions as string[]).length, 3);
  assert.deepEqual(settings['kubeHarden.rules'].default, {});
  assert.equal(settings['kubeHarden.exclude'].type, 'array');
  assert.deepEqual(settings['kubeHarden.exclude'].default, []);
  assert.deepEqual(settings['kubeHarden.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(settings['kubeHarden.trace.server'].default, 'off');
});

test('the version pattern accepts what the engine reads, and nothing it cannot', () => {
  const schema = settings['kubeHarden.kubernetesVersion'];
  const pattern = new RegExp(schema.pattern as string);
  const accepted = ['latest', '1.0', '1.25', '1.37', 'v1.29', '1.30.2', 'v1.31.10', ...(schema.examples as string[])];
  for (const version of accepted) {
    assert.match(version, pattern, version);
    assert.notEqual(parseMinor(version), undefined, `the engine cannot read ${version}`);
  }
  for (const version of ['', '2.0', '1', '1.x', 'v1.', '1.29-beta', 'Latest', ' 1.29']) assert.doesNotMatch(version, pattern, JSON.stringify(version));
  assert.ok((schema.examples as string[]).includes('1.25') && (schema.examples as string[]).includes('latest'));
});

test('kubeHarden.rules lists exactly the rule ids of the catalog and yaml-syntax, each with the five severities', () => {
  const schema = settings['kubeHarden.rules'] as { properties: Record<string, { enum: string[]; markdownDescription?: string }>; additionalProperties?: unknown };
  assert.deepEqual(Object.keys(schema.properties).sort(), [...rules.map((r) => r.id), 'yaml-syntax'].sort());
  for (const [id, property] of Object.entries(schema.properties)) {
    assert.deepEqual(property.enum, ['error', 'warning', 'info', 'hint', 'off'], id);
    const title = id === 'yaml-syntax' ? 'YAML syntax errors (not a security rule)' : rules.find((r) => r.id === id)!.meta.title;
    assert.ok(property.markdownDescription?.includes(title), `${id}: describe it with the rule's title`);
  }
  assert.match(schema.properties['yaml-syntax'].markdownDescription!, /Red Hat YAML/);
  assert.equal(schema.additionalProperties, false, 'a misspelt rule id should be flagged in settings.json');
});

test('the grammar is contributed and exists', () => {
  const grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }> = contributes.grammars;
  assert.equal(grammars.length, 1);
  assert.equal(grammars[0].scopeName, 'kube-harden.injection');
  assert.deepEqual(grammars[0].injectTo, ['source.yaml']);
  assert.ok(existsSync(join(root, grammars[0].path)));
});

test('entry points: the client bundle for VS Code, the CLI bundle for npx', () => {
  assert.equal(manifest.main, './dist/client.js');
  assert.deepEqual(manifest.bin, { 'kube-harden': 'dist/cli.js' });
});

/** `[major, minor, patch]` of a version or the lower bound of a `^`/`~`/`>=` range. */
function lowerBound(range: string): number[] {
  const match = /^(?:\^|~|>=)?\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(match, `unreadable version ${range}`);
  return match.slice(1).map(Number);
}
const compare = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

test('@types/vscode is no newer than the engines.vscode minimum (vsce refuses to package otherwise)', () => {
  const engine = lowerBound(manifest.engines.vscode);
  const types = lowerBound(manifest.devDependencies['@types/vscode']);
  assert.ok(compare(types, engine) <= 0, `@types/vscode ${types.join('.')} > engines.vscode ${engine.join('.')}`);
  // code-server 4.100.3 (VS Code 1.100), the newest on Node 20, runs the real-editor tests.
  assert.ok(compare(engine, [1, 100, 99]) <= 0, `engines.vscode ${manifest.engines.vscode} excludes VS Code 1.100`);
  // vscode-languageclient 11 needs VS Code 1.91.
  assert.ok(compare(engine, [1, 91, 0]) >= 0);
});

test('gallery metadata', () => {
  assert.equal(manifest.license, 'Apache-2.0');
  assert.ok(existsSync(join(root, 'LICENSE')));
  assert.match(manifest.repository.url, /^https:\/\/github\.com\/kube-harden\/kube-harden/);
  assert.ok(manifest.categories.includes('Linters'));
  assert.ok(manifest.keywords.includes('kubernetes'));
});
