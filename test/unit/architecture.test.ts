// Guards the dependency direction of DESIGN.md (`rules → engine ← lsp, cli`; the client talks to the
// server over the protocol only) by reading every import of every source file, and checks that the
// client bundle carries no parser, no schema validator and no rule code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { rules } from '../../rules';

const root = resolve(__dirname, '../..');
const rel = (path: string) => relative(root, path).split(sep).join('/');

type Layer = 'engine' | 'lsp' | 'cli' | 'rules' | 'rules-lib' | 'client';

function layerOf(file: string): Layer | undefined {
  const path = rel(file);
  if (path.startsWith('server/src/engine/')) return 'engine';
  if (path.startsWith('server/src/lsp/')) return 'lsp';
  if (path.startsWith('server/src/cli/')) return 'cli';
  if (path.startsWith('rules/lib/')) return 'rules-lib';
  if (path.startsWith('rules/')) return 'rules';
  if (path.startsWith('client/src/')) return 'client';
  return undefined;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier of a file: imports, `export … from`, `require()` and `import()`, type-only ones included. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The file a relative specifier names, the way TypeScript and esbuild look it up. */
function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.d.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return base; // Unresolved: reported by the caller with the path it points at.
}

const builtins = new Set(builtinModules);
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]);
const isEditorPackage = (specifier: string) => /^vscode(-languageserver|-languageclient|-jsonrpc)?([-/]|$)/.test(specifier);

const engineIndex = 'server/src/engine/index.ts';
const rulesIndex = 'rules/index.ts';

/** Why an import edge is not allowed, or undefined when it is. */
function violation(file: string, specifier: string): string | undefined {
  const layer = layerOf(file);
  const relative = specifier.startsWith('.');
  const target = relative ? rel(resolveRelative(file, specifier)) : undefined;
  if (relative && !/\.(ts|json)$/.test(target!)) return `does not resolve to a file (${target})`;
  switch (layer) {
    case 'engine':
      if (!relative) return isEditorPackage(specifier) ? 'the engine knows no LSP and no VS Code' : undefined;
      return target!.startsWith('server/src/engine/') ? undefined : 'the engine imports only its own modules';
    case 'rules':
    case 'rules-lib':
      if (!relative) return isBuiltin(specifier) ? undefined : 'rules use packages only through the engine API';
      if (target === engineIndex) return undefined;
      if (target!.startsWith('server/')) return 'rules import the engine through its index only';
      if (target!.startsWith('rules/lib/')) return undefined;
      // A rule may reuse a sibling rule's exported check (restricted-seccomp-profile builds on
      // baseline-seccomp-profile); the helpers in lib/ and the catalog index stay below the rules.
      if (layer === 'rules' && /^rules\/[a-z0-9-]+\.ts$/.test(target!) && target !== rulesIndex) return undefined;
      return 'rules import only the engine index, ./lib and sibling rules';
    case 'lsp':
    case 'cli': {
      if (!relative) {
        if (specifier === 'vscode' || specifier.startsWith('vscode-languageclient')) return 'the server never imports the VS Code API or the client';
        if (layer === 'cli' && isEditorPackage(specifier)) return 'only the language server knows LSP';
        return undefined;
      }
      if (target!.startsWith(`server/src/${layer}/`)) return undefined;
      if (target === engineIndex || target === rulesIndex || target === 'package.json') return undefined;
      return `${layer} imports only its own modules, the engine index, the rules index and package.json`;
    }
    case 'client':
      if (!relative) {
        return specifier === 'vscode' || /^vscode-languageclient(\/|$)/.test(specifier)
          ? undefined
          : 'the client imports only vscode and vscode-languageclient';
      }
      return target!.startsWith('client/src/') ? undefined : 'the client talks to the server over the protocol only';
    default:
      return 'a file outside the known layers (engine, lsp, cli, rules, client)';
  }
}

const files = ['server/src', 'rules', 'client/src'].flatMap((dir) => sourceFiles(join(root, dir)));

test('every layer exists and has sources', () => {
  const layers = new Set(files.map(layerOf));
  for (const layer of ['engine', 'lsp', 'cli', 'rules', 'client'] as const) assert.ok(layers.has(layer), `no sources found for ${layer}`);
});

test('imports follow rules → engine ← lsp, cli; the client imports only vscode and the language client', () => {
  const problems: string[] = [];
  for (const file of files) {
    for (const specifier of importsOf(file)) {
      const why = violation(file, specifier);
      if (why) problems.push(`${rel(file)} imports '${specifier}': ${why}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the checker itself rejects wrong edges', () => {
  // Without this, a checker that allows everything would pass the test above.
  const at = (path: string) => join(root, path);
  const rejected: Array<[string, string]> = [
    ['server/src/engine/parse.ts', 'vscode-languageserver/node'],
    ['server/src/engine/parse.ts', 'vscode'],
    ['server/src/engine/parse.ts', '../lsp/service'],
    ['server/src/engine/parse.ts', '../../../rules'],
    ['rules/host-ports.ts', '../server/src/engine/parse'],
    ['rules/host-ports.ts', 'yaml'],
    ['rules/host-ports.ts', '../server/src/lsp/service'],
    ['rules/lib/values.ts', '../host-ports'],
    ['rules/host-ports.ts', './index'],
    ['server/src/lsp/service.ts', '../engine/parse'],
    ['server/src/lsp/service.ts', '../cli/main'],
    ['server/src/lsp/service.ts', '../../../rules/host-ports'],
    ['server/src/lsp/service.ts', 'vscode'],
    ['server/src/cli/main.ts', 'vscode-languageserver'],
    ['server/src/cli/main.ts', '../lsp/service'],
    ['client/src/extension.ts', 'yaml'],
    ['client/src/extension.ts', 'ajv'],
    ['client/src/extension.ts', '../../server/src/engine'],
    ['client/src/extension.ts', '../../rules'],
    ['client/src/extension.ts', 'node:path'],
  ];
  for (const [file, specifier] of rejected) assert.ok(violation(at(file), specifier), `${file} → ${specifier} should be rejected`);
  const allowed: Array<[string, string]> = [
    ['server/src/engine/parse.ts', 'yaml'],
    ['rules/host-ports.ts', '../server/src/engine'],
    ['rules/host-ports.ts', './lib/values'],
    ['server/src/lsp/service.ts', '../engine'],
    ['server/src/lsp/service.ts', '../../../rules'],
    ['server/src/cli/main.ts', '../../../package.json'],
    ['client/src/extension.ts', 'vscode-languageclient/node'],
    ['client/src/extension.ts', './protocol'],
  ];
  for (const [file, specifier] of allowed) assert.equal(violation(at(file), specifier), undefined, `${file} → ${specifier} should be allowed`);
});

/** Strings that exist only in code the client must not carry. */
function forbiddenInClient(): string[] {
  const strings = ['parseAllDocuments', 'LineCounter', 'ajv', 'json-schema-traverse', 'kube-harden-ignore'];
  for (const rule of rules) {
    strings.push(rule.meta.title);
    // The literal parts of each message template, e.g. `" allows privilege escalation`.
    for (const message of Object.values(rule.meta.messages)) strings.push(...String(message).split(/\{[^}]*\}/));
  }
  return [...new Set(strings)].filter((s) => s.trim().length >= 12);
}

test('the client bundle holds no yaml parser, no ajv and no rule code', async () => {
  // Built in memory with the options of esbuild.mjs's client bundle, so the test needs no prior build.
  const built = await esbuild.build({
    entryPoints: [join(root, 'client/src/extension.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: ['vscode'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(built.metafile.inputs);
  const foreign = inputs.filter((input) => /(^|\/)(server|rules)\/|node_modules\/(yaml|ajv|vscode-languageserver)\//.test(input));
  assert.deepEqual(foreign, [], 'modules the client must not bundle');
  const code = built.outputFiles[0].text;
  for (const needle of forbiddenInClient()) assert.ok(!code.includes(needle), `client bundle contains "${needle}"`);
});

test('the built dist/client.js, when present and current, holds none of it either', (t) => {
  const bundle = join(root, 'dist/client.js');
  if (!existsSync(bundle)) return t.skip('dist/client.js not built (npm test builds it first)');
  const newestSource = Math.max(...sourceFiles(join(root, 'client/src')).map((f) => statSync(f).mtimeMs));
  if (statSync(bundle).mtimeMs < newestSource) return t.skip('dist/client.js is older than client/src');
  const code = readFileSync(bundle, 'utf8');
  for (const needle of forbiddenInClient()) assert.ok(!code.includes(needle), `dist/client.js contains "${needle}"`);
  // The server is started from its own bundle, never inlined into the client.
  assert.ok(code.includes('dist/server.js'));
});
