// Guards the dependency direction of DESIGN.md (`rules → engine ← io ← lsp, cli`; the client talks to
// the server over the shared protocol module only) by reading every import of every source file;
// checks that the client bundle carries no parser, no schema validator and no rule code, that the
// engine does no IO, and that no function exceeds 80 lines and no file 400.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { rules } from '../../rules';

const root = resolve(__dirname, '../..');
const rel = (path: string) => relative(root, path).split(sep).join('/');

type Layer = 'engine' | 'io' | 'shared' | 'lsp' | 'cli' | 'catalog' | 'rules' | 'client';

function layerOf(file: string): Layer | undefined {
  const path = rel(file);
  if (path.startsWith('server/src/engine/')) return 'engine';
  if (path.startsWith('server/src/io/')) return 'io';
  if (path.startsWith('server/src/shared/')) return 'shared';
  if (path.startsWith('server/src/lsp/')) return 'lsp';
  if (path.startsWith('server/src/cli/')) return 'cli';
  if (path === 'rules/index.ts') return 'catalog';
  if (/^rules\/[a-z0-9-]+\//.test(path)) return 'rules';
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

const isEditorPackage = (specifier: string) => /^vscode(-languageserver|-languageclient|-jsonrpc)?([-/]|$)/.test(specifier);

const engineIndex = 'server/src/engine/index.ts';
const ioIndex = 'server/src/io/index.ts';
const rulesIndex = 'rules/index.ts';
const sharedProtocol = 'server/src/shared/protocol.ts';
/** The engine does no IO: these belong to server/src/io and the entry points. */
const ioModules = /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads)$/;
/** Packages the rules reach only through the engine's API. */
const enginePackages = /^(yaml|ajv)(\/|$)/;

/** Why an import edge is not allowed, or undefined when it is. */
function violation(file: string, specifier: string): string | undefined {
  const layer = layerOf(file);
  const relative = specifier.startsWith('.');
  const target = relative ? rel(resolveRelative(file, specifier)) : undefined;
  if (relative && !/\.(ts|json)$/.test(target!)) return `does not resolve to a file (${target})`;
  switch (layer) {
    case 'engine':
      if (!relative) {
        if (isEditorPackage(specifier)) return 'the engine knows no LSP and no VS Code';
        return ioModules.test(specifier) ? 'the engine does no IO (server/src/io does)' : undefined;
      }
      return target!.startsWith('server/src/engine/') ? undefined : 'the engine imports only its own modules';
    case 'io':
      if (!relative) return isEditorPackage(specifier) ? 'io knows no LSP and no VS Code' : undefined;
      if (target!.startsWith('server/src/io/') || target === engineIndex) return undefined;
      return 'io imports only its own modules and the engine index';
    case 'shared':
      return specifier === 'vscode-languageserver-types' ? undefined : 'the shared protocol holds types and names only';
    case 'catalog':
      if (!relative) return 'the catalog imports no package';
      // package.json: the repository URL the documentation links are made from.
      return target === engineIndex || target === 'package.json' || /^rules\/[a-z0-9-]+\/[a-z0-9-]+\.ts$/.test(target!) ? undefined : 'the catalog imports the engine index and the families';
    case 'rules':
      if (!relative) {
        if (isEditorPackage(specifier)) return 'rules know no LSP and no VS Code';
        return enginePackages.test(specifier) ? 'rules use yaml and ajv only through the engine API' : undefined;
      }
      if (target === engineIndex) return undefined;
      if (target!.startsWith('server/')) return 'rules import the engine through its index only';
      // A family's own modules, and another family's analysis or facts (which it reads, never its index);
      // a library folder of a family (rules/policy/cel-lib/) is one more level, its index included.
      if (/^rules\/[a-z0-9-]+\/([a-z0-9-]+\/)?[a-z0-9-]+\.ts$/.test(target!) && !/^rules\/[a-z0-9-]+\/index\.ts$/.test(target!)) return undefined;
      return 'rules import only the engine index and modules of the families';
    case 'lsp':
    case 'cli': {
      if (!relative) {
        if (specifier === 'vscode' || specifier.startsWith('vscode-languageclient')) return 'the server never imports the VS Code API or the client';
        if (layer === 'cli' && isEditorPackage(specifier)) return 'only the language server knows LSP';
        return undefined;
      }
      if (target!.startsWith(`server/src/${layer}/`)) return undefined;
      if (target === engineIndex || target === ioIndex || target === rulesIndex || target === 'package.json') return undefined;
      if (layer === 'lsp' && target === sharedProtocol) return undefined;
      return `${layer} imports only its own modules, the engine, io and rules indexes and package.json`;
    }
    case 'client':
      if (!relative) {
        return specifier === 'vscode' || /^vscode-languageclient(\/|$)/.test(specifier) ? undefined : 'the client imports only vscode and vscode-languageclient';
      }
      return target!.startsWith('client/src/') || target === sharedProtocol ? undefined : 'the client talks to the server over the shared protocol only';
    default:
      return 'a file outside the known layers (engine, io, shared, lsp, cli, rules, client)';
  }
}

const files = ['server/src', 'rules', 'client/src'].flatMap((dir) => sourceFiles(join(root, dir)));

test('every layer exists and has sources', () => {
  const layers = new Set(files.map(layerOf));
  for (const layer of ['engine', 'io', 'shared', 'lsp', 'cli', 'catalog', 'rules', 'client'] as const) assert.ok(layers.has(layer), `no sources found for ${layer}`);
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
    ['server/src/engine/parse.ts', 'node:fs'],
    ['server/src/engine/parse.ts', '../lsp/server'],
    ['server/src/engine/parse.ts', '../io'],
    ['server/src/engine/parse.ts', '../../../rules'],
    ['server/src/io/walk.ts', '../lsp/server'],
    ['server/src/io/walk.ts', 'vscode-languageserver'],
    ['rules/pod-security/host-ports.ts', '../../server/src/engine/parse'],
    ['rules/pod-security/host-ports.ts', 'yaml'],
    ['rules/pod-security/host-ports.ts', 'vscode-languageserver'],
    ['rules/pod-security/host-ports.ts', '../../server/src/lsp/server'],
    ['rules/pod-security/host-ports.ts', '../index'],
    ['rules/pod-security/host-ports.ts', '../network'],
    ['rules/index.ts', 'yaml'],
    ['server/src/shared/protocol.ts', 'vscode-languageserver'],
    ['server/src/shared/protocol.ts', '../engine'],
    ['server/src/lsp/server.ts', '../engine/parse'],
    ['server/src/lsp/server.ts', '../io/walk'],
    ['server/src/lsp/server.ts', '../cli/main'],
    ['server/src/lsp/server.ts', '../../../rules/pod-security/host-ports'],
    ['server/src/lsp/server.ts', 'vscode'],
    ['server/src/cli/main.ts', 'vscode-languageserver'],
    ['server/src/cli/main.ts', '../lsp/server'],
    ['server/src/cli/main.ts', '../shared/protocol'],
    ['client/src/extension.ts', 'yaml'],
    ['client/src/extension.ts', 'ajv'],
    ['client/src/extension.ts', '../../server/src/engine'],
    ['client/src/extension.ts', '../../server/src/lsp/protocol'],
    ['client/src/extension.ts', '../../rules'],
    ['client/src/extension.ts', 'node:path'],
  ];
  for (const [file, specifier] of rejected) assert.ok(violation(at(file), specifier), `${file} → ${specifier} should be rejected`);
  const allowed: Array<[string, string]> = [
    ['server/src/engine/parse.ts', 'yaml'],
    ['server/src/io/walk.ts', 'node:fs'],
    ['server/src/io/scan.ts', '../engine'],
    ['rules/pod-security/host-ports.ts', '../../server/src/engine'],
    ['rules/pod-security/restricted-capabilities.ts', './capabilities'],
    ['rules/secrets/secretlint.ts', '@secretlint/core'],
    ['rules/network/hover.ts', './coverage'],
    ['rules/index.ts', './network/hover'],
    ['rules/index.ts', '../package.json'],
    ['server/src/lsp/server.ts', '../engine'],
    ['server/src/lsp/server.ts', '../io'],
    ['server/src/lsp/server.ts', '../../../rules'],
    ['server/src/lsp/protocol.ts', '../shared/protocol'],
    ['server/src/cli/main.ts', '../../../package.json'],
    ['client/src/extension.ts', 'vscode-languageclient/node'],
    ['client/src/extension.ts', './protocol'],
    ['client/src/protocol.ts', '../../server/src/shared/protocol'],
  ];
  for (const [file, specifier] of allowed) assert.equal(violation(at(file), specifier), undefined, `${file} → ${specifier} should be allowed`);
});

/** Functions (declarations, methods, arrows, function expressions) longer than `max` lines. */
function longFunctions(file: string, max: number): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > max) {
        const name = (node as ts.FunctionDeclaration).name?.getText() ?? `function at line ${start + 1}`;
        out.push(`${rel(file)}: ${name} has ${end - start + 1} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

test('no function over 80 lines and no source file over 400 lines in client/, server/ and rules/', () => {
  const problems: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n').length;
    if (lines > 400) problems.push(`${rel(file)} has ${lines} lines`);
    problems.push(...longFunctions(file, 80));
  }
  assert.deepEqual(problems, []);
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
  const foreign = inputs.filter((input) => !input.startsWith('server/src/shared/') && /(^|\/)(server|rules)\/|node_modules\/(yaml|ajv|vscode-languageserver)\//.test(input));
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

test("the built server and CLI bundle the yaml package's ES module build: no getter per call, no debugging switch read per token", (t) => {
  for (const name of ['dist/server.js', 'dist/cli.js']) {
    const bundle = join(root, name);
    if (!existsSync(bundle)) return t.skip(`${name} not built (npm test builds it first)`);
    const code = readFileSync(bundle, 'utf8');
    assert.ok(code.includes('token in YAML stream'), `${name} bundles the yaml parser`);
    assert.ok(!/LOG_TOKENS|LOG_STREAM/.test(code), `${name} reads LOG_TOKENS or LOG_STREAM`);
    assert.ok(!/exports\d*\.isScalar\s*=/.test(code), `${name} bundles the yaml package's CommonJS build`);
  }
});
