// What the server writes to the client's log (VS Code's "kube-harden" Output channel): its version
// and runtime at start, the effective settings when they are read or change, and errors by their
// kind and first message line only — a message can quote YAML (a parse error's excerpt), and the
// log must never show a document's text or a secret's value.

import { InitializeParams } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import type { ServerContext } from './context';
import type { Settings } from './settings';

/** "TypeError: Cannot read properties of undefined" and the stack's frames, without the rest of the message. */
export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (!(error instanceof Error)) return typeof error === 'string' ? 'an error' : `a thrown ${typeof error}`;
  const name = /^\w{1,40}$/.test(error.name) ? error.name : 'Error';
  const message = (error.message.split('\n')[0] ?? '').slice(0, 200);
  const frames = options.stack ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
  return [message ? `${name}: ${message}` : name, ...frames].join('\n');
}

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

/** A line of information (not an error) for the client's log. */
export function logInfo(ctx: ServerContext, message: string): void {
  ctx.connection.console.info(message);
}

/** Logs the effective settings of the window; a failure to read them is logged by the store itself. */
export async function logSettings(ctx: ServerContext, why: string): Promise<void> {
  logInfo(ctx, settingsLine(await ctx.settings.get(undefined), why));
}
