// Steps the GUI tests take in code-server's page: waiting on a condition, going to a line and opening
// a file through the quick-input widget.

/** Polls `condition` until it gives a truthy value (returned), or throws after `timeoutMs`. */
export async function until(what, condition, timeoutMs = 30_000, pollMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Moves the cursor of the active editor to `line`:`column` (1-based). */
export async function goToLine(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // In the browser Ctrl+G may open Quick Open; the ":" prefix makes it "go to line" either way.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Opens the workspace file `name` with Quick Open and waits until its tab is the active one. */
export async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await until(`${name} to be the active tab`, async () => (await page.locator('.tab.active').first().innerText()).includes(name));
}
