// Starting code-server (real VS Code 1.100 in the browser) for a test run: a private config, user
// data and extensions folder per run, bound to 127.0.0.1 on a free port, and installing a VSIX into it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start } from './processes.mjs';

function codeServerArgs(modules, runDir) {
  return {
    entry: join(modules, 'code-server', 'out', 'node', 'entry.js'),
    common: ['--user-data-dir', join(runDir, 'user-data'), '--extensions-dir', join(runDir, 'extensions')],
    env: {
      ...process.env,
      // Without it code-server writes ~/.config/code-server/config.yaml.
      XDG_CONFIG_HOME: join(runDir, 'xdg-config'),
      XDG_DATA_HOME: join(runDir, 'xdg-data'),
    },
  };
}

function prepare(runDir, settings = {}) {
  mkdirSync(join(runDir, 'extensions'), { recursive: true });
  mkdirSync(join(runDir, 'user-data', 'User'), { recursive: true });
  const userSettings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    ...settings,
  };
  writeFileSync(join(runDir, 'user-data', 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
}

/** Installs a VSIX into the run's extensions folder (a short-lived code-server process, time-limited). */
export async function installVsix(modules, runDir, vsix, timeoutMs = 60_000) {
  prepare(runDir);
  const { entry, common, env } = codeServerArgs(modules, runDir);
  const proc = start(process.execPath, [entry, ...common, '--install-extension', vsix], { env, logFile: join(runDir, 'install.log') });
  const timer = setTimeout(() => proc.kill(), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  proc.kill();
  if (code !== 0 || !/was successfully installed/.test(proc.output())) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${proc.output().slice(-3000)}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 (a free port unless `bindAddr` names one) and resolves with `{ url, port, proc }` once it
 * listens. `env` adds variables for the extension host (it inherits code-server's environment).
 */
export async function startCodeServer(modules, runDir, { workspace, env: extraEnv = {}, settings = {}, bindAddr = '127.0.0.1:0', timeoutMs = 60_000 } = {}) {
  prepare(runDir, settings);
  const { entry, common, env } = codeServerArgs(modules, runDir);
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    bindAddr,
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(workspace ? [workspace] : []),
  ];
  const proc = start(process.execPath, args, { env: { ...env, ...extraEnv }, logFile: join(runDir, 'code-server.log') });
  try {
    const match = await proc.waitFor(/HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/, timeoutMs, 'code-server listening');
    return { url: match[1], port: Number(match[2]), proc };
  } catch (error) {
    proc.kill();
    throw error;
  }
}
