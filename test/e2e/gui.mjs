// GUI tests of the packaged extension as a user meets it: the VSIX installed into code-server, the
// workbench driven in Debian's Chromium. Opens an insecure manifest from the Explorer, checks the
// squiggles and the Problems count, applies a quick fix with Ctrl+. and Enter, runs "Harden this
// pod" from the command palette, accepts its preview (a diff), and checks the file on disk.
// Screenshots go to the run folder, and to docs/images with --update-screenshots.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './install.mjs';
import { launchChromium } from './lib/browser.mjs';
import { installVsix, startCodeServer } from './lib/code-server.mjs';
import { goToLine, until } from './lib/editor-page.mjs';
import { withTimeLimit } from './lib/processes.mjs';
import { makeWorkspace } from './lib/workspace.mjs';

const file = 'examples/insecure/deployment-privileged.yaml';
const restrictedOnly = ['allow-privilege-escalation', 'restricted-capabilities', 'run-as-non-root', 'run-as-user', 'restricted-seccomp-profile', 'restricted-volume-types', 'restricted-proc-mount'];

/** The CLI's findings for one file of the workspace, checked with the whole workspace as the editor sees it. */
function cliFindings(workspace, relative) {
  const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', workspace, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`CLI failed: ${result.stderr}`);
  return JSON.parse(result.stdout).findings.filter((f) => f.file.endsWith(relative));
}

/** The editor's visible text (Monaco renders spaces as U+00A0). */
async function editorText(page) {
  const lines = await page.locator('.editor-instance .view-lines .view-line').allInnerTexts();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

export async function runGuiTests({ modules, runDir, vsix, log, timeoutMs = 240_000 }) {
  const serverDir = join(runDir, 'gui-code-server');
  await installVsix(modules, serverDir, vsix);
  const workspace = makeWorkspace(runDir, 'gui-workspace');
  const onDisk = join(workspace, file);
  const original = readFileSync(onDisk, 'utf8');
  const server = await startCodeServer(modules, serverDir, {
    workspace,
    settings: {
      'editor.minimap.enabled': false,
      'editor.stickyScroll.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.fontSize': 14,
      'files.autoSave': 'off',
      'window.commandCenter': false,
    },
  });
  let chromium;
  const results = [];
  const shots = join(runDir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const shoot = async (page, name) => {
    await page.screenshot({ path: join(shots, `${name}.png`) });
    if (process.argv.includes('--update-screenshots')) {
      mkdirSync(join(root, 'docs/images'), { recursive: true });
      copyFileSync(join(shots, `${name}.png`), join(root, 'docs/images', `${name}.png`));
    }
  };
  const step = async (name, body) => {
    try {
      await body();
      results.push({ name: `GUI: ${name}`, ok: true });
      return true;
    } catch (error) {
      results.push({ name: `GUI: ${name}`, ok: false, error: error?.stack ?? String(error) });
      return false;
    }
  };
  const all = async () => {
    chromium = await launchChromium(modules);
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

    const opened = await step('open an insecure manifest from the Explorer and see its squiggles and Problems count', async () => {
      const explorer = page.locator('.explorer-folders-view');
      await explorer.waitFor({ timeout: 30_000 });
      for (const name of ['examples', 'insecure']) {
        const row = explorer.locator(`.monaco-list-row[aria-label="${name}"]`);
        await row.click();
        await until(`${name} to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true');
      }
      await explorer.locator('.monaco-list-row[aria-label="deployment-privileged.yaml"]').dblclick();
      await page.locator('.editor-instance .view-lines').waitFor();
      await until('the kube-harden squiggles', async () => (await page.locator('.squiggly-error').count()) >= 2 && (await page.locator('.squiggly-warning').count()) >= 2);
      const want = cliFindings(workspace, file);
      const errors = want.filter((f) => f.severity === 'error').length;
      const warnings = want.filter((f) => f.severity === 'warning').length;
      // The status bar's Problems item: "Errors: 2, Warnings: 8" as its accessible name.
      const problems = page.locator('#status\\.problems');
      // What the status bar said last goes into the failure: a timeout alone does not tell a slow
      // server from a wrong count.
      let seen = '';
      const label = await until(`the Problems count to match the CLI (${errors} errors, ${warnings} warnings)`, async () => {
        const text = (seen = (await problems.getAttribute('aria-label')) ?? (await problems.innerText()));
        const numbers = (text.match(/\d+/g) ?? []).map(Number);
        return numbers[0] === errors && numbers[1] === warnings ? text : undefined;
      }).catch((error) => {
        throw new Error(`${error.message}; the status bar said "${seen}"`);
      });
      log(`    Problems: ${label}`);
      // The code lens above the workload offers Harden with its count of Pod Security findings.
      await page.locator('.editor-instance .view-lines').click();
      await page.keyboard.press('Control+Home');
      const lens = page.locator('.editor-instance .codelens-decoration', { hasText: 'Harden this workload' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      log(`    code lens: ${await lens.innerText()}`);
      await shoot(page, 'code-lens');
      // Hover the privileged value for the screenshot: the message, its rule and the documentation link.
      await goToLine(page, 27, 25);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page
        .locator('.monaco-hover')
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 })
        .catch(() => undefined);
      await shoot(page, 'squiggles');
      await page.keyboard.press('Escape');
    });

    const fixed = await step('apply the privileged-container quick fix with Ctrl+. and Enter', async () => {
      if (!opened) throw new Error('skipped: opening the manifest failed');
      await goToLine(page, 27, 25);
      await page
        .locator('.lightBulbWidget, .codicon-light-bulb, .codicon-lightbulb-autofix')
        .first()
        .waitFor({ state: 'visible', timeout: 15_000 })
        .catch(() => undefined);
      // The first Ctrl+. can answer "No code actions available" before the actions arrive: retry.
      const menu = page.locator('.action-widget');
      await until('the quick-fix menu', async () => {
        await page.keyboard.press('Control+Period');
        try {
          await menu.locator('text=Remove privileged').first().waitFor({ state: 'visible', timeout: 3_000 });
          return true;
        } catch {
          await page.keyboard.press('Escape');
          return false;
        }
      });
      await shoot(page, 'quick-fix');
      // The preferred fix is first and focused; the menu wants the keyboard.
      const focused = await menu.locator('.monaco-list-row.focused').innerText();
      if (!focused.includes('Remove privileged')) throw new Error(`the focused quick fix is "${focused}"`);
      await page.keyboard.press('Enter');
      await until('privileged: true to go from the editor', async () => !(await editorText(page)).includes('privileged: true'));
      await page.keyboard.press('Control+S');
      const saved = await until('the fix saved to disk', async () => {
        const text = readFileSync(onDisk, 'utf8');
        return text !== original ? text : undefined;
      });
      if (saved.includes('privileged: true')) throw new Error('privileged: true is still on disk');
      // Only the privileged lines changed: the other lines are the same, in order.
      const removed = original.split('\n').filter((l) => !saved.split('\n').includes(l));
      if (removed.some((l) => !/privileged|securityContext/.test(l))) throw new Error(`the fix removed other lines: ${JSON.stringify(removed)}`);
      if (cliFindings(workspace, file).some((f) => f.ruleId === 'privileged-container')) throw new Error('the CLI still reports privileged-container');
    });

    await step('run "Harden this workload" from the command palette, accept the preview, and check the file on disk', async () => {
      if (!fixed) throw new Error('skipped: the quick-fix step failed');
      await goToLine(page, 21, 18);
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>kube-harden: Harden this workload');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Harden this workload' }).first().waitFor();
      await page.keyboard.press('Enter');
      // The preview: a diff of the file against its hardened text, and a notification to Apply it.
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
      const apply = page.locator('.notifications-toasts .monaco-button', { hasText: /^Apply$/ });
      await apply.waitFor({ state: 'visible', timeout: 30_000 });
      await shoot(page, 'harden-preview');
      await apply.click();
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'hidden', timeout: 30_000 });
      await until('the hardened text in the editor', async () => (await editorText(page)).includes('allowPrivilegeEscalation: false'));
      await page.locator('.editor-instance .view-lines').click();
      await page.keyboard.press('Control+S');
      await until('the hardened file on disk', async () => readFileSync(onDisk, 'utf8').includes('allowPrivilegeEscalation: false'));
      const left = cliFindings(workspace, file).filter((f) => restrictedOnly.includes(f.ruleId) || f.ruleId === 'privileged-container');
      if (left.length > 0) throw new Error(`restricted findings left on disk: ${left.map((f) => `${f.ruleId}@${f.line}`).join(', ')}`);
      await until('no warning squiggles of the restricted rules', async () => (await page.locator('.squiggly-warning').count()) < 8);
      await page.keyboard.press('Control+Home');
      await shoot(page, 'hardened');
    });
  };
  try {
    await withTimeLimit(all(), timeoutMs, 'the GUI tests', () => {
      server.proc.kill();
      chromium?.close();
    });
  } catch (error) {
    results.push({ name: 'GUI: ran to the end', ok: false, error: error?.stack ?? String(error) });
  } finally {
    await chromium?.close();
    server.proc.kill();
  }
  return results;
}
