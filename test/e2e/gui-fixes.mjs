// GUI tests of the two fixes that must keep the application working, in code-server and Chromium:
// "Add a NetworkPolicy" on microservices-demo admits frontend and checkoutservice to currencyservice
// on port 7000 and nothing else, right after its Deployment, shown in the editor, the buffer left
// unsaved; "Move to a Secret" twice in one workload yields one Secret with two keys in the opened,
// git-ignored file, with no new finding, and the manifest is not saved behind the user's back.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { root } from './install.mjs';
import { launchChromium } from './lib/browser.mjs';
import { installVsix, startCodeServer } from './lib/code-server.mjs';
import { goToLine, quickOpen, until } from './lib/editor-page.mjs';
import { withTimeLimit } from './lib/processes.mjs';

const billing = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: billing
spec:
  template:
    spec:
      containers:
      - name: app
        image: billing:1
        env:
        - name: DB_PASSWORD
          value: "Kx9-First-Wq2-Pass"
        - name: API_KEY
          value: "Kx9-Second-Wq2-Key"
`;

/** The active editor's visible text (Monaco renders spaces as U+00A0). */
async function editorText(page) {
  const lines = await page.locator('.editor-group-container.active .editor-instance .view-lines .view-line').allInnerTexts();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** Opens the quick-fix menu at the cursor and runs the action whose title starts with `title`, by keyboard. */
async function runQuickFix(page, title) {
  const menu = page.locator('.action-widget');
  await until(`the quick fix "${title}"`, async () => {
    await page.keyboard.press('Control+Period');
    try {
      await menu.locator('.monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 3_000 });
      return true;
    } catch {
      await page.keyboard.press('Escape');
      return false;
    }
  });
  for (let i = 0; i < 30; i++) {
    const focused = await menu.locator('.monaco-list-row.focused').innerText();
    if (focused.includes(title)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not focus the quick fix "${title}"`);
}

export async function runGuiFixTests({ modules, runDir, vsix, log, timeoutMs = 240_000 }) {
  const serverDir = join(runDir, 'gui-fixes-code-server');
  await installVsix(modules, serverDir, vsix);
  const workspace = join(runDir, 'gui-fixes-workspace');
  mkdirSync(workspace, { recursive: true });
  copyFileSync(join(root, '../shared/reference/corpus/microservices-demo__kubernetes-manifests.yaml'), join(workspace, 'microservices-demo.yaml'));
  writeFileSync(join(workspace, 'billing.yaml'), billing);
  execFileSync('git', ['init', '-q'], { cwd: workspace });
  const demo = readFileSync(join(workspace, 'microservices-demo.yaml'), 'utf8');
  const server = await startCodeServer(modules, serverDir, {
    workspace,
    settings: { 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false, 'workbench.colorTheme': 'Default Dark Modern', 'editor.fontSize': 14, 'files.autoSave': 'off' },
  });
  let chromium;
  let page;
  const results = [];
  const shots = join(runDir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const step = async (name, body) => {
    try {
      await body();
      results.push({ name: `GUI: ${name}`, ok: true });
    } catch (error) {
      results.push({ name: `GUI: ${name}`, ok: false, error: error?.stack ?? String(error) });
      await page?.screenshot({ path: join(shots, `failed-${results.length}.png`) }).catch(() => undefined);
    }
  };
  const all = async () => {
    chromium = await launchChromium(modules);
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

    await step('"Add a NetworkPolicy" on microservices-demo admits frontend and checkoutservice to currencyservice on port 7000, right after it', async () => {
      await quickOpen(page, 'microservices-demo.yaml');
      const line = demo.split('\n').indexOf('  name: currencyservice') + 1;
      await until('the kube-harden squiggles', async () => (await page.locator('.squiggly-warning').count()) > 0, 60_000);
      await goToLine(page, line, 9);
      await runQuickFix(page, 'Add a NetworkPolicy for currencyservice admitting frontend, checkoutservice on port 7000');
      // The editor shows the policy it inserted, and the buffer is left unsaved.
      await until('the policy in view', async () => /kind: NetworkPolicy[\s\S]*app: checkoutservice/.test(await editorText(page)));
      await page.screenshot({ path: join(shots, 'network-policy-callers.png') });
      if (readFileSync(join(workspace, 'microservices-demo.yaml'), 'utf8') !== demo) throw new Error('the manifest was saved');
      await page.keyboard.press('Control+S');
      const saved = await until('the policy on disk', async () => {
        const text = readFileSync(join(workspace, 'microservices-demo.yaml'), 'utf8');
        return text !== demo ? text : undefined;
      });
      const docs = parseAllDocuments(saved).map((d) => d.toJS());
      const at = docs.findIndex((d) => d?.kind === 'NetworkPolicy');
      if (docs[at - 1]?.metadata?.name !== 'currencyservice' || docs[at - 1]?.kind !== 'Deployment') throw new Error('the policy is not right after the currencyservice Deployment');
      const ingress = JSON.stringify(docs[at].spec.ingress);
      const want = JSON.stringify([
        { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 7000 }] },
        { from: [{ podSelector: { matchLabels: { app: 'checkoutservice' } } }], ports: [{ protocol: 'TCP', port: 7000 }] },
      ]);
      if (ingress !== want) throw new Error(`the policy admits ${ingress}`);
    });

    await step('"Move to a Secret" twice in one workload: one Secret with two keys, opened, no new finding, the manifest unsaved', async () => {
      await quickOpen(page, 'billing.yaml');
      await until('the secret-in-env squiggles', async () => (await page.locator('.squiggly-warning, .squiggly-error').count()) >= 2, 60_000);
      // The findings are on the variables' names; the first move adds three lines above API_KEY.
      for (const [name, line] of [
        ['DB_PASSWORD', 12],
        ['API_KEY', 17],
      ]) {
        if (name === 'API_KEY') {
          // Back to the manifest's tab (Quick Open would match billing.secret.yaml too).
          await page.locator('.tab', { hasText: 'billing.yaml' }).first().click();
          await until('billing.yaml to be the active tab', async () => (await page.locator('.tab.active').first().innerText()).includes('billing.yaml'));
        }
        await goToLine(page, line, 17);
        await runQuickFix(page, `Move ${name} to Secret billing-secrets`);
        await until('the Secret file to open', async () => (await page.locator('.tab.active').first().innerText()).includes('billing.secret.yaml'));
        await until(`${name} in the Secret file`, async () => (await editorText(page)).includes(`${name}:`));
      }
      const secretText = await editorText(page);
      if (!/DB_PASSWORD: "Kx9-First-Wq2-Pass"[\s\S]*API_KEY: Kx9-Second-Wq2-Key/.test(secretText)) throw new Error(`the Secret file holds:\n${secretText}`);
      if ((secretText.match(/kind: Secret/g) ?? []).length !== 1) throw new Error('more than one Secret');
      // No finding in the git-ignored Secret file (give the server time to say otherwise).
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const squiggles = await page.locator('.editor-group-container.active .squiggly-warning, .editor-group-container.active .squiggly-error').count();
      await page.screenshot({ path: join(shots, 'move-to-secret.png') });
      if (squiggles > 0) throw new Error(`${squiggles} findings in billing.secret.yaml`);
      if (readFileSync(join(workspace, 'billing.yaml'), 'utf8') !== billing) throw new Error('the manifest was saved');
      if (!readFileSync(join(workspace, '.gitignore'), 'utf8').includes('*.secret.yaml')) throw new Error('.gitignore was not written');
      log('    billing.secret.yaml: one Secret, two keys, no finding');
    });
  };
  try {
    await withTimeLimit(all(), timeoutMs, 'the GUI fix tests', () => {
      server.proc.kill();
      chromium?.close();
    });
  } catch (error) {
    results.push({ name: 'GUI fixes: ran to the end', ok: false, error: error?.stack ?? String(error) });
  } finally {
    await chromium?.close();
    server.proc.kill();
  }
  return results;
}
