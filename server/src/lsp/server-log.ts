// What the server writes to the client's log (VS Code's "kube-harden" Output channel) besides errors
// (which `errorMessage` cuts to their kind and first line): its version and runtime at start, and the
// effective settings when they are read or change.

import { InitializeParams } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { Config, mergeConfig } from '../engine';
import type { ServerContext } from './context';
import { Settings, settingsToConfig } from './settings';

/** "kube-harden 0.1.0 on Node v20.19.0, client Visual Studio Code 1.100.3, pulls diagnostics". */
export function startLine(params: InitializeParams, pull: boolean): string {
  const client = params.clientInfo ? `${params.clientInfo.name}${params.clientInfo.version ? ` ${params.clientInfo.version}` : ''}` : 'an unnamed client';
  const folders = params.workspaceFolders?.length ?? (params.rootUri ? 1 : 0);
  return `kube-harden ${version} on Node ${process.version}, client ${client}, ${pull ? 'pulls' : 'gets pushed'} diagnostics, ${folders} workspace folder(s).`;
}

/** The window's effective settings, as one line of JSON (settings hold no secret values). */
export function settingsLine(settings: Settings, why: string): string {
  return `Settings (${why}): ${JSON.stringify(settings)}`;
}

/** The configuration in force: the window's settings under each workspace folder's `.kube-harden.yaml`. */
export function configLine(folder: string, config: Config): string {
  return `Effective configuration of ${folder} (settings and .kube-harden.yaml): ${JSON.stringify(config)}`;
}

/** Logs the window's settings and each folder's effective configuration; read failures are logged where they happen. */
export async function logSettings(ctx: ServerContext, why: string): Promise<void> {
  const settings = await ctx.settings.get(undefined);
  ctx.info(settingsLine(settings, why));
  for (const folder of ctx.configs.folderPaths) {
    const file = await ctx.configs.forFolder(folder);
    ctx.info(configLine(folder, mergeConfig(settingsToConfig(settings), file.config)));
  }
}
