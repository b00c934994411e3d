// Builds the three bundles: the VS Code client (vscode stays external), the language server and the CLI.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';
import { writeValidators } from './scripts/gen-validators.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  // The yaml package's ES module build, though Node would load its CommonJS one. Bundled, a CommonJS
  // module's exports are read through a getter at every call (isScalar, isMap… on every node the
  // rules visit), and that build also reads the environment for a debugging switch on every token it
  // parses. The two builds are one source; the ES one only leaves out the switches and writes its
  // rare warnings with console.warn instead of process.emitWarning.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
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
    plugins: [{ name: 'executable', setup: (build) => build.onEnd(() => chmodSync('dist/cli.js', 0o755)) }],
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
