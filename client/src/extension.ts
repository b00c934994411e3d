// The VS Code extension's entry point: starts the bundled kube-harden language server over stdio,
// registers the commands and the status bar item, and stops the server on deactivation. All checking
// and fixing happens in the server; this file only wires VS Code to it.

import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { harden, hardenOptions, listRules, registerPreviewProvider, scanImages } from './commands';
import { clientMiddleware } from './middleware';
import { methods, StatusParams, youngGenerationFlag } from './protocol';
import { StatusBar } from './status-bar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  // Over stdio, as in every other editor: the server writes a long file's diagnostics from pieces
  // kept between versions (server/src/lsp/json-encoding.ts), where node IPC would encode the whole
  // message again at every keystroke.
  // VS Code runs the server on its own runtime, where the server does not set V8 flags itself
  // (server/src/lsp/heap-tuning.ts): the young generation's flag is given on the command line.
  const execArgv = [youngGenerationFlag];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Seccomp profiles; the server answers nothing for any other JSON file.
      { scheme: 'file', pattern: '**/*.json' },
    ],
    synchronize: {
      // Manifests feed the workspace index (Namespaces and their Pod Security labels), and
      // `.kube-harden.yaml` is the shared configuration; one watcher covers both, so no event twice.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.yaml,*.yml,.kube-harden.yaml}'),
    },
    // Settings are pulled by the server (`workspace/configuration`, section `kubeHarden`, per resource).
    middleware: clientMiddleware(context.extensionUri),
  };
  // The id makes the client honour the `kubeHarden.trace.server` setting.
  const languageClient = new LanguageClient('kubeHarden', 'kube-harden', serverOptions, clientOptions);
  client = languageClient;

  const statusBar = new StatusBar();
  context.subscriptions.push(
    statusBar,
    registerPreviewProvider(),
    languageClient.onNotification(methods.status, (status: StatusParams) => {
      statusBar.update(languageClient.protocol2CodeConverter.asUri(status.uri).toString(), status);
    }),
    // A restarted server reports every open file again; stale counts must not survive it.
    languageClient.onDidChangeState((event) => {
      if (event.newState === State.Stopped) statusBar.clear();
    }),
    command('kubeHarden.hardenPod', (arg) => harden(languageClient, 'pod', hardenOptions(arg))),
    command('kubeHarden.hardenFile', (arg) => harden(languageClient, 'file', hardenOptions(arg))),
    command('kubeHarden.listRules', () => listRules(languageClient, context.extensionUri)),
    command('kubeHarden.scanImages', () => scanImages(languageClient)),
    command('kubeHarden.restartServer', async () => {
      if (languageClient.needsStop()) await languageClient.restart();
      else await languageClient.start();
    }),
  );

  // `kubeHarden.enable` is honoured by the server (it stops reporting), so the client keeps running
  // and a setting flip takes effect without a restart.
  try {
    await languageClient.start();
  } catch {
    // The client has already reported the failure (notification and output channel); the extension
    // stays active so that "Restart server" can try again.
  }
}

/**
 * Registers a command whose failures become an error message instead of a silent rejection. The
 * command's result goes back to `executeCommand` callers.
 */
function command(id: string, run: (arg?: unknown) => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown) => {
    try {
      return await run(arg);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      client?.outputChannel.appendLine(`[${id}] ${error instanceof Error && error.stack ? error.stack : message}`);
      void vscode.window.showErrorMessage(`kube-harden: ${message}`);
      return undefined;
    }
  });
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}
