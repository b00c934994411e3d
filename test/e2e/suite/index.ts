// The extension-host test entry point in the @vscode/test-electron layout: VS Code loads this module
// (extensionTestsPath) and awaits `run()`, which runs every `*.suite.js` beside it with Mocha.
// The same module runs in code-server's extension host (test/e2e/extension-host.mjs) and in desktop
// VS Code (test/e2e/vscode.mjs, `npm run test:vscode`).

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface MochaRunner {
  on(event: 'pass' | 'fail', listener: (test: { fullTitle(): string }, error?: Error) => void): void;
}
interface MochaInstance {
  addFile(file: string): void;
  run(done: (failures: number) => void): MochaRunner;
}
type MochaConstructor = new (options: Record<string, unknown>) => MochaInstance;

/**
 * Mocha comes from test/editor's dependencies, which live in a cache outside the clone: the runner
 * passes its path in KUBE_HARDEN_MOCHA. Where it does not (a plain `mocha` in node_modules), resolve it normally.
 */
function loadMocha(): MochaConstructor {
  const path = process.env.KUBE_HARDEN_MOCHA || 'mocha';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as MochaConstructor;
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  // KUBE_HARDEN_E2E_GREP runs only the tests whose title matches, when debugging one.
  const grep = process.env.KUBE_HARDEN_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const name of readdirSync(__dirname).sort()) if (name.endsWith('.suite.js')) mocha.addFile(join(__dirname, name));
  const passed: string[] = [];
  const failed: { title: string; error: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The runner that started the editor reads the counts from this file (the exit code only says pass or fail).
      const out = process.env.KUBE_HARDEN_E2E_RESULTS;
      if (out) writeFileSync(out, JSON.stringify({ passed, failed }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => passed.push(t.fullTitle()));
    runner.on('fail', (t, error) => failed.push({ title: t.fullTitle(), error: error?.stack ?? String(error) }));
  });
}
