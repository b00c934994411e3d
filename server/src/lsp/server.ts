// The server's wiring: the lifecycle (what the client can do, what the server offers), document and
// file events, and the parts that do the work — the indexer (the workspace model from the disk),
// the snapshots (analysis of open documents), the delivery of diagnostics and the requests.

import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { errorMessage } from '../engine';
import { ServerContext } from './context';
import { Delivery } from './delivery';
import { hostEnvironment, ServerEnvironment } from './environment';
import { HelmCharts } from './helm';
import { ImageScans } from './image-scans';
import { WorkspaceIndexer } from './indexer';
import { codeActionKinds, commands } from './protocol';
import { OverlayRenders } from './overlay-renders';
import { registerRequests } from './requests';
import { logSettings, startLine } from './server-log';
import { SettingsStore } from './settings';
import { Snapshots } from './snapshots';
import { heap } from './heap-tuning';

export function startServer(connection: Connection, env: ServerEnvironment = hostEnvironment): void {
  const ctx = new ServerContext(connection, env);
  let delivery: Delivery | undefined;
  const renders = new OverlayRenders(ctx, () => delivery?.revalidateAll());
  ctx.overlays = renders;
  const indexer = new WorkspaceIndexer(ctx, () => {
    delivery?.revalidateAll();
    // The scan has found the kustomizations: the overlays of the files already open can render.
    renders.touched(ctx.documents.all().map((d) => d.uri));
  });
  const snapshots = new Snapshots(ctx, indexer, (uri, changes) => delivery?.factsChanged(uri, changes), renders);
  delivery = new Delivery(ctx, snapshots);
  const deliver = delivery;
  ctx.helm = new HelmCharts(ctx, () => deliver.revalidateAll());

  connection.onInitialize((params) => initialize(ctx, params));
  connection.onInitialized(() => initialized(ctx, indexer, deliver));
  watchDocuments(ctx, indexer, snapshots, deliver);
  // Overlays render on open and save only: a rendering spawns a process, too slow for a keystroke.
  // After the first scan and the document's own analysis: the overlay it belongs to is known from both.
  const render = (uri: string) =>
    void indexer
      .indexed()
      .then(() => snapshots.get(uri))
      .then(() => renders.touched([uri]))
      .catch((error) => ctx.log(`Rendering the overlays of ${uri} failed: ${errorMessage(error)}`));
  ctx.documents.onDidOpen((event) => render(event.document.uri));
  ctx.documents.onDidSave((event) => render(event.document.uri));
  connection.languages.diagnostics.on((params, token) => deliver.pull(params.textDocument.uri, params.previousResultId, () => token.isCancellationRequested));
  const scans = new ImageScans(
    ctx,
    () => deliver.revalidateAll(),
    async (uri) => (await snapshots.get(uri))?.analysis?.resources ?? [],
  );
  ctx.documents.onDidOpen((event) => void scans.opened(event.document.uri).catch((error) => ctx.log(`Reading the cached scans of ${event.document.uri} failed: ${errorMessage(error)}`)));
  registerRequests(ctx, snapshots, scans);

  ctx.documents.listen(connection);
  connection.listen();
}

function initialize(ctx: ServerContext, params: InitializeParams): InitializeResult {
  const capabilities = params.capabilities;
  const pull = capabilities.textDocument?.diagnostic !== undefined;
  const options = params.initializationOptions as { settings?: unknown; holdBrokenFacts?: unknown } | undefined;
  ctx.client = {
    capabilities,
    pull,
    holdBrokenFacts: options?.holdBrokenFacts !== false,
    refreshSupport: capabilities.workspace?.diagnostics?.refreshSupport === true,
    edits: {
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      changeAnnotations: capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
      createFiles: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
      resolveEdits: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
      applyEdit: capabilities.workspace?.applyEdit === true,
      showDocument: capabilities.window?.showDocument?.support === true,
    },
  };
  const fetch = capabilities.workspace?.configuration ? (scopeUri: string | undefined) => ctx.connection.workspace.getConfiguration({ scopeUri, section: 'kubeHarden' }) : undefined;
  ctx.info(startLine(params, pull));
  ctx.settings = new SettingsStore(fetch, options?.settings, (m) => ctx.log(m));
  ctx.configs.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));

  const literal = capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: literal ? { codeActionKinds: [CodeActionKind.QuickFix, codeActionKinds.fixAll, codeActionKinds.harden], resolveProvider: true } : true,
      hoverProvider: true,
      definitionProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [commands.harden, commands.showDocumentation, commands.finishSuggestion, commands.scanImages] },
      diagnosticProvider: pull ? { identifier: 'kube-harden', interFileDependencies: true, workspaceDiagnostics: false } : undefined,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'kube-harden' },
  };
}

function initialized(ctx: ServerContext, indexer: WorkspaceIndexer, delivery: Delivery): void {
  const { connection, configs } = ctx;
  const capabilities = ctx.client.capabilities;
  const failed = (error: unknown) => ctx.log(`Registration failed: ${errorMessage(error)}`);
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(failed);
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/.kube-harden.{yaml,yml}' },
          { globPattern: '**/*.{yaml,yml}' },
          { globPattern: '**/Kustomization' },
          { globPattern: '**/.gitignore' },
          { globPattern: '**/*.{json,sarif}' },
        ],
      })
      .catch(failed);
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const current = new Set(configs.folderPaths.map((f) => ctx.paths.uriOf(f)));
      for (const removed of event.removed) current.delete(ctx.paths.uriOf(ctx.paths.keyOf(removed.uri)));
      for (const added of event.added) current.add(added.uri);
      configs.setFolders([...current]);
      void indexer.scan();
      delivery.revalidateAll();
    });
  }
  void logSettings(ctx, 'at start');
  void indexer.scan();
}

/** A document this long leaves megabytes of trees behind when it closes: the heap is compacted at the next pause. */
const largeText = 512 * 1024;

function watchDocuments(ctx: ServerContext, indexer: WorkspaceIndexer, snapshots: Snapshots, delivery: Delivery): void {
  const { documents, configs, connection } = ctx;
  // Charts render on open and save only: a render takes seconds, far too long for every keystroke.
  documents.onDidOpen((event) => ctx.helm?.touched(event.document.uri, false));
  documents.onDidSave((event) => ctx.helm?.touched(event.document.uri, true));
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    heap.touch();
    if (configs.isFolderConfig(uri)) {
      configs.invalidate(uri);
      delivery.revalidateAll();
    }
    delivery.schedule(uri);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    heap.touch(event.document.getText().length >= largeText);
    snapshots.forget(uri);
    ctx.settings.forget(uri);
    delivery.closed(uri);
    if (configs.isFolderConfig(uri)) {
      configs.invalidate(uri);
      delivery.revalidateAll();
    }
    // Back to what the disk says the file declares.
    void indexer.refreshFromDisk(uri).then((changes) => changes && delivery.revalidateAll());
  });

  connection.onDidChangeConfiguration(
    ctx.guard('didChangeConfiguration', undefined, (params) => {
      ctx.settings.changed(params.settings);
      void logSettings(ctx, 'changed');
      delivery.revalidateAll();
      ctx.helm?.settingsChanged();
      // `kubeHarden.exclude` or `files.exclude` may have changed: re-index the folders whose globs did.
      void indexer.scan(true);
    }),
  );

  connection.onDidChangeWatchedFiles(
    ctx.guard('didChangeWatchedFiles', undefined, async (params) => {
      let changed = false;
      for (const change of params.changes) {
        if (!configs.isConfigFile(change.uri)) continue;
        configs.invalidate(change.uri);
        changed = true;
      }
      if ((await indexer.filesChanged(params.changes.filter((c) => !configs.isConfigFile(c.uri)))) || changed) delivery.revalidateAll();
    }),
  );
}
