// The editor-test runner (`npm run test:e2e`, and the second half of `npm test`): packages the VSIX
// and checks its files, then runs the extension-host suites in code-server, the GUI tests of the
// installed VSIX in Chromium, and the Neovim client check. Every editor runs under a time limit and
// is killed by its process group. Ends with a plain `N passed, N failed` line; any failure exits 1.
//
// Options: --only vsix,ext-host,gui,gui-fixes,neovim   run some phases; --fresh   reinstall the editor deps
// from scratch, ignoring the cache; KUBE_HARDEN_E2E_KEEP=1 keeps the run folder (logs, screenshots).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkVsix, packageVsix, vsixEntries } from '../../scripts/package.mjs';
import { ensureEditorDeps } from './install.mjs';
import { chromiumMissing } from './lib/browser.mjs';
import { killAll } from './lib/processes.mjs';

const started = Date.now();
const argv = process.argv.slice(2);
const onlyArg = argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : argv[argv.indexOf(onlyArg) + 1]).split(',') : undefined;
const wanted = (phase) => !only || only.includes(phase);
const log = (message) => console.log(message);
const results = [];
const record = (result) => {
  results.push(result);
  log(`${result.ok ? '  ✔' : '  ✘'} ${result.name}${result.ok ? '' : `\n      ${String(result.error).split('\n').join('\n      ')}`}`);
};

function summary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`\neditor tests: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The plain closing line CI reads.
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

function nvimMissing() {
  const nvim = process.env.KUBE_HARDEN_NVIM || 'nvim';
  const found = spawnSync(nvim, ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? undefined : `Neovim not found (${nvim}) (Debian: apt-get install neovim; .ci/run installs it; or set KUBE_HARDEN_NVIM)`;
}

async function phase(name, run) {
  const t0 = Date.now();
  log(`\n${name}`);
  try {
    const out = await run();
    for (const result of out) record(result);
  } catch (error) {
    record({ name: `${name}: ran to the end`, ok: false, error: error?.stack ?? String(error) });
  } finally {
    log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

// Missing editors are a failure with a clear message, not a skip: CI installs them (.ci/run).
const missing = [
  (wanted('ext-host') || wanted('gui') || wanted('gui-fixes')) && chromiumMissing(),
  wanted('neovim') && nvimMissing(),
  !existsSync('/usr/bin/rg') && !existsSync('/usr/local/bin/rg') && 'ripgrep not found (Debian: apt-get install ripgrep), needed to install code-server offline',
].filter(Boolean);
if (missing.length > 0) {
  for (const m of missing) record({ name: 'editor test prerequisites', ok: false, error: m });
  log('\nThe editor tests need Chromium, Neovim and ripgrep (bash .ci/run installs them with apt-get).');
  process.exit(summary());
}

const runDir = mkdtempSync(join(tmpdir(), 'kube-harden-e2e-'));
log(`run folder: ${runDir}`);
let modules;
try {
  modules = ensureEditorDeps({ fresh: argv.includes('--fresh'), log });
} catch (error) {
  record({ name: 'editor dependencies (test/editor) install', ok: false, error: error?.stack ?? String(error) });
  process.exit(summary());
}

let vsix;
await phase('VSIX', async () => {
  vsix = packageVsix({ quiet: true });
  const problems = checkVsix(vsix);
  const size = statSync(vsix).size;
  log(`  ${vsix}: ${(size / 1024).toFixed(1)} KiB, ${vsixEntries(vsix).length} files`);
  return [
    { name: 'VSIX: only the bundles, grammar, manifest, README, LICENSE, CHANGELOG, icon and documentation', ok: !problems.some((p) => !p.includes('limit')), error: problems.join('\n') },
    { name: 'VSIX: at most 2 MB', ok: !problems.some((p) => p.includes('limit')), error: problems.join('\n') },
  ];
});

if (wanted('ext-host')) {
  const { runExtensionHostTests } = await import('./extension-host.mjs');
  await phase('extension host (code-server, Mocha)', () => runExtensionHostTests({ modules, runDir, log }));
}
if (wanted('gui')) {
  const { runGuiTests } = await import('./gui.mjs');
  await phase('GUI (installed VSIX in code-server, Chromium)', () => runGuiTests({ modules, runDir, vsix, log }));
}
if (wanted('gui-fixes')) {
  const { runGuiFixTests } = await import('./gui-fixes.mjs');
  await phase('GUI: fixes that keep the application working (code-server, Chromium)', () => runGuiFixTests({ modules, runDir, vsix, log }));
}
if (wanted('neovim')) {
  const { runNeovimTests } = await import('./neovim.mjs');
  await phase('Neovim (dist/server.js --stdio)', () => runNeovimTests({ runDir, log }));
}

killAll();
const code = summary();
if (code === 0 && !process.env.KUBE_HARDEN_E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
else log(`logs and screenshots kept in ${runDir}`);
process.exit(code);
