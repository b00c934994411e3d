// Builds the three bundles: the VS Code client (vscode stays external), the language server and the CLI.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeValidators } from './scripts/gen-validators.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The yaml package checks `process.env.LOG_TOKENS`, a switch for debugging it, for every token it
 * parses, and each read of the environment is a call into Node: a sixth of its parser's time on
 * argo-cd's 2 MB manifest. The bundles read the switches as off.
 */
const yamlDebugSwitches = {
  name: 'yaml-debug-switches',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](?:parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/\bnode_process\.env\.LOG_(?:TOKENS|STREAM)\b/g, 'false');
      if (contents !== source) return { contents, loader: 'js' };
      return { contents, loader: 'js', warnings: [{ text: 'the yaml package no longer reads LOG_TOKENS or LOG_STREAM where esbuild.mjs expects: the switch is read per token again' }] };
    });
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The yaml package ships an ESM "browser" build; the node build is the one we want.
  mainFields: ['module', 'main'],
  plugins: [yamlDebugSwitches],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    // `bin: kube-harden` runs the file itself (npx, npm link): it must be executable, and esbuild
    // writes its outputs without the executable bit.
    plugins: [yamlDebugSwitches, { name: 'executable', setup: (build) => build.onEnd(() => chmodSync('dist/cli.js', 0o755)) }],
    banner: { js: '#!/usr/bin/env node' },
  },
];

// The config schema is compiled to code before bundling; nothing compiles schemas at start-up.
writeValidators();

if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
