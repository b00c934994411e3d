// Runs the Mocha suites of test/e2e/suite inside code-server's real extension host, the way
// @vscode/test-electron runs them in desktop VS Code: the extension is loaded from the repository
// (extensionDevelopmentPath), the compiled suites' index from extensionTestsPath, and the workbench
// reports the exit code through window.codeAutomationExit, which Chromium hands back here.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './install.mjs';
import { launchChromium } from './lib/browser.mjs';
import { startCodeServer } from './lib/code-server.mjs';
import { withTimeLimit } from './lib/processes.mjs';
import { makeWorkspace } from './lib/workspace.mjs';

/** Compiles the suites (TypeScript) to CommonJS, one file each, into `outDir`; returns the index path. */
export async function buildSuites(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const suiteDir = join(root, 'test/e2e/suite');
  const entryPoints = readdirSync(suiteDir)
    .filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts'))
    .map((n) => join(suiteDir, n));
  await esbuild.build({ entryPoints, outdir: outDir, bundle: false, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning' });
  return join(outDir, 'index.js');
}

/**
 * Returns one result per Mocha test ({ name, ok, error }); a run that fails before Mocha reports
 * (no extension host, a crash, the time limit) is one failed result.
 */
export async function runExtensionHostTests({ modules, runDir, log, timeoutMs = 240_000 }) {
  const index = await buildSuites(join(runDir, 'suite'));
  const workspace = makeWorkspace(runDir, 'ext-host-workspace');
  const resultsFile = join(runDir, 'ext-host-results.json');
  const env = { KUBE_HARDEN_MOCHA: join(modules, 'mocha'), KUBE_HARDEN_E2E_RESULTS: resultsFile };
  if (process.env.KUBE_HARDEN_E2E_GREP) env.KUBE_HARDEN_E2E_GREP = process.env.KUBE_HARDEN_E2E_GREP;
  const server = await startCodeServer(modules, join(runDir, 'ext-host-code-server'), { env });
  let chromium;
  const lines = [];
  try {
    chromium = await launchChromium(modules);
    const page = await chromium.browser.newPage();
    const exit = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      lines.push(text);
      if (process.env.KUBE_HARDEN_E2E_VERBOSE) log(`  [ext-host ${type}] ${text}`);
    });
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(index.replace(/\.js$/, ''))],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const code = await withTimeLimit(exit, timeoutMs, 'the extension-host tests', () => {
      server.proc.kill();
      chromium.close();
    });
    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
    if (!results) return [{ name: 'extension host: the Mocha suites ran', ok: false, error: `exit code ${code}, no results; log:\n${lines.slice(-40).join('\n')}` }];
    const out = [...results.passed.map((name) => ({ name: `extension host: ${name}`, ok: true })), ...results.failed.map((f) => ({ name: `extension host: ${f.title}`, ok: false, error: f.error }))];
    if (code !== 0 && results.failed.length === 0) out.push({ name: 'extension host: exit code', ok: false, error: `exit code ${code}` });
    if (out.length === 0) out.push({ name: 'extension host: at least one test ran', ok: false, error: 'Mocha ran no test' });
    return out;
  } finally {
    await chromium?.close();
    server.proc.kill();
  }
}
