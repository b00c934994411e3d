// GUI test of resilient analysis as a user meets it, in code-server and Chromium: typing a new key
// (`workingDir:`) one character at a time in a container of a Deployment with several findings. Until
// the colon is typed, the line is a syntax error; every finding of the rest of the document must stay
// on screen the whole time, and all of them must be there once the key parses. Every state the status
// bar's Problems count takes is recorded by a MutationObserver, so a flash between two samples counts.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './install.mjs';
import { launchChromium } from './lib/browser.mjs';
import { installVsix, startCodeServer } from './lib/code-server.mjs';
import { goToLine, quickOpen, until as waitUntil } from './lib/editor-page.mjs';
import { withTimeLimit } from './lib/processes.mjs';
import { makeWorkspace } from './lib/workspace.mjs';

const file = 'examples/insecure/deployment-privileged.yaml';
/** The line after which the key is typed: the last line of the `log-shipper` container. */
const after = '          image: fluent/fluent-bit:3.1';
// A key no rule reads: `resources:` (the issue's example) now changes resource-requirements itself.
const key = 'workingDir:';

// Each keystroke's diagnostics are sampled every 100 ms (the other GUI tests poll every 200 ms).
const until = (what, condition, timeoutMs = 30_000) => waitUntil(what, condition, timeoutMs, 100);

/** The status bar's Problems item as [errors, warnings] ("Errors: 2, Warnings: 8" as its accessible name). */
async function problemCounts(page) {
  const item = page.locator('#status\\.problems');
  const text = (await item.getAttribute('aria-label')) ?? (await item.innerText());
  // "Errors: 2, Warnings: 12, Infos: 1": information findings are listed in the panel too.
  const [errors, warnings, infos = 0] = (text.match(/\d+/g) ?? []).map(Number);
  return { errors, warnings, infos };
}

/** The findings in the Problems panel, as "rule-id Ln:Col" (the syntax error as yaml-syntax). */
async function panelFindings(page) {
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return rows
    .map((row) => row.replace(/\s+/g, ' '))
    .map((row) => {
      // The source and code show as "kube-harden(rule-id)"; the parentheses are drawn by CSS.
      const at = /kube-harden\s*\(?\s*([a-z0-9-]+)\s*\)?\s*\[Ln (\d+), Col (\d+)\]/.exec(row);
      return at ? `${at[1]} ${at[2]}:${at[3]}` : undefined;
    })
    .filter(Boolean)
    .sort();
}

/** True when an error squiggle on the cursor's line ends where the cursor is: the server has judged what was typed. */
function squiggleEndsAtCursor(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .editor-instance');
    const cursor = editor?.querySelector('.cursors-layer .cursor')?.getBoundingClientRect();
    if (!cursor || cursor.height === 0) return false;
    return [...editor.querySelectorAll('.view-overlays .squiggly-error')].some((squiggle) => {
      const box = squiggle.getBoundingClientRect();
      return Math.abs(box.top - cursor.top) < cursor.height / 2 && Math.abs(box.right - cursor.left) <= 3;
    });
  });
}

async function openFile(page, workspace) {
  await quickOpen(page, 'deployment-privileged.yaml');
  return readFileSync(join(workspace, file), 'utf8');
}

/** Records every distinct state of the status bar's Problems item from now on, in the page. */
function recordProblemCounts(page) {
  return page.evaluate(() => {
    const item = document.getElementById('status.problems');
    const seen = [];
    const note = () => {
      const text = item.getAttribute('aria-label') ?? item.innerText;
      if (seen[seen.length - 1] !== text) seen.push(text);
    };
    note();
    new MutationObserver(note).observe(item, { subtree: true, childList: true, attributes: true, characterData: true });
    window.kubeHardenProblemStates = seen;
  });
}

/** Checks every state the status bar's Problems count took since it was recorded: no finding may go. */
async function checkStates(page, clean, log, how) {
  const states = await page.evaluate(() => window.kubeHardenProblemStates);
  log(`    status bar states while typing ${how}: ${states.join(' | ')}`);
  for (const state of states) {
    const [errors, warnings] = (state.match(/\d+/g) ?? []).map(Number);
    if (warnings !== clean.warnings || (errors !== clean.errors && errors !== clean.errors + 1)) {
      throw new Error(`the status bar showed "${state}" while typing ${how} (clean: ${clean.errors} errors, ${clean.warnings} warnings)`);
    }
  }
  return states.length;
}

/** Types the key character by character; after each one waits for the server's verdict and checks what is shown. */
async function typeKey(page, clean, log) {
  const samples = [];
  for (let i = 0; i < key.length; i++) {
    const started = Date.now();
    await page.keyboard.type(key[i]);
    const typed = key.slice(0, i + 1);
    const done = typed.endsWith(':');
    // The signal that this version was analysed: the syntax error covers exactly what was typed, or,
    // once the colon is in, the syntax error is gone and the Problems count is the clean one again.
    // The Problems panel follows the squiggles a moment later.
    await until(`the diagnostics of "${typed}"`, async () => {
      const counts = await problemCounts(page);
      const syntax = (await panelFindings(page)).filter((f) => f.startsWith('yaml-syntax ')).length;
      if (!done) return counts.errors === clean.errors + 1 && syntax === 1 && (await squiggleEndsAtCursor(page));
      return counts.errors === clean.errors && counts.warnings === clean.warnings && syntax === 0;
    });
    const counts = await problemCounts(page);
    const listed = await panelFindings(page);
    const findings = listed.filter((f) => !f.startsWith('yaml-syntax '));
    const syntax = listed.length - findings.length;
    samples.push({ typed, ms: Date.now() - started, ...counts, findings: findings.length, syntax });
    const missing = clean.findings.filter((f) => !findings.includes(f));
    if (findings.length === 0 || missing.length > 0) {
      throw new Error(`after typing "${typed}" the Problems panel lost ${missing.join(', ')} (shows ${findings.join(', ') || 'no finding'})`);
    }
    if (syntax !== (done ? 0 : 1)) throw new Error(`after typing "${typed}": ${syntax} syntax errors in the Problems panel`);
  }
  log(`    ${samples.map((s) => `${s.typed}: ${s.errors}E ${s.warnings}W ${s.findings} findings ${s.ms} ms`).join('\n    ')}`);
  return samples;
}

export async function runGuiTypingTests({ modules, runDir, vsix, log, timeoutMs = 240_000 }) {
  const serverDir = join(runDir, 'gui-typing-code-server');
  await installVsix(modules, serverDir, vsix);
  const workspace = makeWorkspace(runDir, 'gui-typing-workspace');
  const server = await startCodeServer(modules, serverDir, {
    workspace,
    settings: {
      'editor.minimap.enabled': false,
      'editor.stickyScroll.enabled': false,
      'editor.cursorBlinking': 'solid',
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.fontSize': 14,
      'files.autoSave': 'off',
      'window.commandCenter': false,
    },
  });
  let chromium;
  let page;
  const results = [];
  const shots = join(runDir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const shoot = async (name) => {
    await page.screenshot({ path: join(shots, `${name}.png`) });
    if (process.argv.includes('--update-screenshots')) {
      mkdirSync(join(root, 'docs/images'), { recursive: true });
      await page.screenshot({ path: join(root, 'docs/images', `${name}.png`) });
    }
  };
  const all = async () => {
    chromium = await launchChromium(modules);
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 1440 } });
    page = await context.newPage();
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const text = await openFile(page, workspace);
    await until('the kube-harden squiggles', async () => (await page.locator('.squiggly-error').count()) >= 2 && (await page.locator('.squiggly-warning').count()) >= 2, 60_000);
    // The Problems panel lists each finding with its rule id and position.
    await page.locator('#status\\.problems').click();
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
    let seen;
    const counts = await until('the Problems panel to list what the status bar counts', async () => {
      const first = await problemCounts(page);
      const listed = await panelFindings(page);
      seen = { ...first, listed, rows: await page.locator('.markers-panel .monaco-list-row').allInnerTexts() };
      return first.errors + first.warnings + first.infos === listed.length && listed.length > 0 ? first : undefined;
    }).catch((error) => {
      throw new Error(`${error.message}: ${JSON.stringify(seen)}`);
    });
    const clean = { ...counts, findings: await panelFindings(page) };
    log(`    clean: ${clean.errors} errors, ${clean.warnings} warnings: ${clean.findings.join(', ')}`);

    const line = text.split('\n').indexOf(after) + 1;
    if (line === 0) throw new Error(`${file} has no line "${after}"`);
    await goToLine(page, line, after.length + 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await recordProblemCounts(page);
    const samples = await typeKey(page, clean, log);
    await checkStates(page, clean, log, 'key by key');
    const end = await panelFindings(page);
    if (JSON.stringify(end) !== JSON.stringify(clean.findings)) throw new Error(`at the end the Problems panel shows ${end.join(', ')}`);
    // For the README: a half-typed key, its syntax error, and the findings still listed.
    await page.keyboard.press('Backspace');
    await until('the syntax error of the half-typed key', () => squiggleEndsAtCursor(page));
    await page.keyboard.press('Escape');
    await shoot('typing');
    results.push({
      name: `GUI: typing "${key}" key by key in a Deployment keeps its ${clean.findings.length} findings visible at each of ${samples.length} keystrokes, all back at the end`,
      ok: true,
    });

    // As a person types, without waiting for the server between keys: no state in between may lose a finding.
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace');
    await until('the clean Problems count again', async () => {
      const counts = await problemCounts(page);
      return counts.errors === clean.errors && counts.warnings === clean.warnings;
    });
    await recordProblemCounts(page);
    await page.keyboard.type(key, { delay: 120 });
    await until('the findings after typing at speed', async () => JSON.stringify(await panelFindings(page)) === JSON.stringify(clean.findings));
    const states = await checkStates(page, clean, log, 'at 120 ms a key');
    results.push({ name: `GUI: typing "${key}" at 120 ms a key keeps every finding in the status bar's count (${states} states seen)`, ok: true });
  };
  try {
    await withTimeLimit(all(), timeoutMs, 'the GUI typing test', () => {
      server.proc.kill();
      chromium?.close();
    });
  } catch (error) {
    results.push({ name: 'GUI: typing a key keeps the findings visible: ran to the end', ok: false, error: error?.stack ?? String(error) });
    await page?.screenshot({ path: join(shots, 'failed-typing.png') }).catch(() => undefined);
  } finally {
    await chromium?.close();
    server.proc.kill();
  }
  return results;
}
