// Debian's Chromium driven by playwright-core: launched as a browser server so that its process (and
// group) id is known and it can be killed by it, then connected to.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { killGroup } from './processes.mjs';

export const chromiumPath = process.env.KUBE_HARDEN_CHROMIUM || '/usr/bin/chromium';

export function chromiumMissing() {
  return existsSync(chromiumPath) ? undefined : `Chromium not found at ${chromiumPath} (Debian: apt-get install chromium; .ci/run installs it; or set KUBE_HARDEN_CHROMIUM)`;
}

/** Launches Chromium headless; returns `{ browser, pid, close() }`. */
export async function launchChromium(modules, { timeoutMs = 60_000 } = {}) {
  const require = createRequire(join(modules, 'noop.js'));
  const { chromium } = require('playwright-core');
  const server = await chromium.launchServer({
    executablePath: chromiumPath,
    headless: true,
    timeout: timeoutMs,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    // playwright-core gives every launch a fresh temporary profile of its own.
  });
  const pid = server.process().pid;
  const browser = await chromium.connect(server.wsEndpoint(), { timeout: timeoutMs });
  return {
    browser,
    pid,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      killGroup(pid);
    },
  };
}
