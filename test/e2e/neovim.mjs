// Runs the Neovim LSP-client check (neovim/check.lua) against the bundled server on a copy of an
// insecure example, under a time limit, killing Neovim's process group (and so the server) at the end.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './install.mjs';
import { start, withTimeLimit } from './lib/processes.mjs';

export async function runNeovimTests({ runDir, timeoutMs = 60_000 }) {
  const dir = join(runDir, 'neovim');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, 'examples/insecure/deployment-privileged.yaml'), join(dir, 'deployment.yaml'));
  const nvim = process.env.KUBE_HARDEN_NVIM || 'nvim';
  const env = { ...process.env, KUBE_HARDEN_SERVER: join(root, 'dist/server.js'), KUBE_HARDEN_NODE: process.execPath };
  const proc = start(nvim, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(root, 'test/e2e/neovim/check.lua')}`, 'deployment.yaml'], {
    cwd: dir,
    env,
    logFile: join(dir, 'nvim.log'),
  });
  let code;
  try {
    code = await withTimeLimit(proc.exited, timeoutMs, 'Neovim', () => proc.kill());
  } finally {
    proc.kill();
  }
  const results = [];
  for (const line of proc.output().split(/\r?\n/)) {
    const match = /^(ok|not ok) (.*?)(?: -- (.*))?$/.exec(line.trim());
    if (match) results.push({ name: `Neovim: ${match[2]}`, ok: match[1] === 'ok', error: match[3] });
  }
  if (code !== 0 && results.every((r) => r.ok)) results.push({ name: 'Neovim: exits 0', ok: false, error: `exit ${code}:\n${proc.output().slice(-3000)}` });
  if (results.length === 0) results.push({ name: 'Neovim: the check ran', ok: false, error: proc.output().slice(-3000) });
  return results;
}
