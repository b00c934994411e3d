// `npm run test:vscode`: the same extension-host suites in desktop VS Code through
// @vscode/test-electron, on machines that can download VS Code (these CI machines cannot: there the
// suites run in code-server, test/e2e/run.mjs). Mocha comes from test/editor's dependencies.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSuites } from './extension-host.mjs';
import { ensureEditorDeps, root } from './install.mjs';
import { makeWorkspace } from './lib/workspace.mjs';

const modules = ensureEditorDeps();
const runDir = mkdtempSync(join(tmpdir(), 'kube-harden-vscode-'));
const index = await buildSuites(join(runDir, 'suite'));
const workspace = makeWorkspace(runDir);
try {
  await runTests({
    version: process.env.KUBE_HARDEN_VSCODE_VERSION || '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: index,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', join(runDir, 'user-data')],
    extensionTestsEnv: { KUBE_HARDEN_MOCHA: join(modules, 'mocha'), KUBE_HARDEN_E2E_RESULTS: join(runDir, 'results.json') },
  });
  console.log(`results: ${join(runDir, 'results.json')}`);
} catch (error) {
  console.error(`VS Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
