// The handlers: wire the connection's requests and notifications to the language service, keep the
// per-document snapshots, settings, workspace config files and the Namespace index up to date, and
// deliver diagnostics by pull (with refresh) or by push — one or the other for a client, never both.

import {
  CancellationToken,
  ClientCapabilities,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReport,
  ErrorCodes,
  FileChangeType,
  InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { promises as fs, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { check, LineIndex, mergeConfig, NamespaceIndex, namespacePolicies, namespacePoliciesOfText, scanNamespaces } from '../engine';
import { rules } from '../../../rules';
import { DocumentAnalyzer, FileAnalysis } from './analysis';
import { commands, codeActionKinds, HardenParams, HardenRequest, HardenResult, ListRulesRequest, StatusNotification } from './protocol';
import { buildSnapshot, codeActions, configFileDiagnostics, EditCapabilities, hardenSnapshot, hover, listRules, Snapshot } from './service';
import { SettingsStore, settingsToConfig } from './settings';
import { isConfigFile, keyOf, pathOf, WorkspaceConfigs } from './workspace';

const maxWatchedFileSize = 2 * 1024 * 1024;
/**
 * Larger documents get a "not checked" note instead of diagnostics: parsing 5 MB of YAML takes
 * seconds, and the server must stay responsive while someone types. The CLI has no such limit.
 */
const maxDocumentSize = 3 * 1024 * 1024;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  /** Another file's text for suggestions that write files: the open editor's, else the disk's. */
  const readOtherFile = (uri: string): string | undefined => {
    const open = documents.get(uri);
    if (open) return open.getText();
    try {
      return readFileSync(fileURLToPath(uri), 'utf8');
    } catch {
      return undefined;
    }
  };
  const namespaces = new NamespaceIndex();
  const snapshots = new Map<string, Snapshot>();
  const analyzers = new Map<string, DocumentAnalyzer>();
  /** The Namespace policies each open document declares, re-applied after a workspace scan. */
  const openPolicies = new Map<string, ReturnType<typeof namespacePoliciesOfText>>();
  const pending = new Map<string, NodeJS.Immediate>();

  let capabilities: ClientCapabilities = {};
  let pull = false;
  let refreshSupport = false;
  let editCaps: EditCapabilities = { documentChanges: false, changeAnnotations: false };
  let settings = new SettingsStore(undefined, undefined, log);
  const configs = new WorkspaceConfigs(openTextByPath, log);

  function log(message: string): void {
    connection.console.error(message);
  }

  function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  /** Wraps a handler so that one failure is logged and answered with a fallback, never fatal. */
  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token?: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token ?? CancellationToken.None);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  function openTextByPath(path: string): string | undefined {
    return documents.all().find((d) => keyOf(d.uri) === path)?.getText();
  }

  // ----------------------------------------------------------------------------------------------
  // Snapshots: parse and lint once per (uri, version, settings, config file, namespaces).

  async function snapshotOf(uri: string): Promise<Snapshot | undefined> {
    if (!documents.get(uri)) return undefined;
    const [userSettings, folder] = await Promise.all([settings.get(uri), configs.forDocument(uri)]);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const config = mergeConfig(settingsToConfig(userSettings), folder.config);
    const key = `${settings.generation}:${configs.generation}:${namespaces.generation}:${userSettings.enable}:${JSON.stringify(config)}`;
    const cached = snapshots.get(uri);
    if (cached && cached.version === doc.version && cached.key === key) return cached;

    const text = doc.getText();
    const workspaceNamespaces = namespaces.policies;
    const configFile = isConfigFile(uri);
    let analysis: FileAnalysis | undefined;
    if (userSettings.enable && !configFile) analysis = analyze(uri, doc.version, text, { config, namespaces: workspaceNamespaces, key });
    let snapshot = buildSnapshot({ uri, version: doc.version, text, key, settings: userSettings, config, namespaces: workspaceNamespaces, analysis });
    if (configFile) snapshot = { ...snapshot, diagnostics: configFileDiagnostics(text) };
    snapshots.set(uri, snapshot);
    if (analysis) noteNamespaces(uri, analysis);
    return snapshot;
  }

  function analyze(uri: string, version: number, text: string, options: { config: ReturnType<typeof mergeConfig>; namespaces: typeof namespaces.policies; key: string }): FileAnalysis | undefined {
    const failed = new Set<string>();
    const onRuleError = (ruleId: string, error: unknown) => {
      // Once per rule and document version: the other rules still report.
      if (failed.has(ruleId)) return;
      failed.add(ruleId);
      log(`Rule ${ruleId} failed on ${uri} (version ${version}): ${errorText(error)}`);
    };
    let analyzer = analyzers.get(uri);
    if (!analyzer) analyzers.set(uri, (analyzer = new DocumentAnalyzer()));
    try {
      return analyzer.analyze(text, { ...options, rules, onRuleError, maxSize: maxDocumentSize });
    } catch (error) {
      log(`Incremental analysis failed on ${uri}; checking the whole file instead: ${errorText(error)}`);
      analyzers.delete(uri);
      try {
        const result = check(text, { config: options.config, rules, namespaces: options.namespaces, onRuleError });
        return { file: result.file, findings: result.findings, problems: result.problems, resources: result.resources };
      } catch (again) {
        log(`Could not check ${uri}: ${errorText(again)}`);
        return undefined;
      }
    }
  }

  /** An open document's Namespaces take part in the workspace index while it is open. */
  function noteNamespaces(uri: string, analysis: FileAnalysis): void {
    const policies = [...namespacePolicies(analysis.resources).values()];
    if (policies.length > 0) openPolicies.set(uri, policies);
    else openPolicies.delete(uri);
    if (namespaces.set(keyOf(uri), policies)) setImmediate(revalidateAll);
  }

  // ----------------------------------------------------------------------------------------------
  // Delivery.

  function revalidateAll(): void {
    if (pull) {
      if (refreshSupport) connection.languages.diagnostics.refresh().catch((error) => log(`Diagnostic refresh failed: ${errorText(error)}`));
    } else {
      for (const doc of documents.all()) schedule(doc.uri);
    }
  }

  function schedule(uri: string): void {
    if (pull || pending.has(uri)) return;
    // setImmediate coalesces the changes of one burst of messages without a timed debounce.
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        publish(uri).catch((error) => log(`Diagnosing ${uri} failed: ${errorText(error)}`));
      }),
    );
  }

  async function publish(uri: string): Promise<void> {
    const snapshot = await snapshotOf(uri);
    // Drop results for a version that is no longer current; the newer change has its own turn.
    if (!snapshot || documents.get(uri)?.version !== snapshot.version) return;
    await connection.sendDiagnostics({ uri, version: snapshot.version, diagnostics: snapshot.diagnostics });
    sendStatus(snapshot);
  }

  function sendStatus(snapshot: Snapshot): void {
    connection.sendNotification(StatusNotification, snapshot.status).catch(() => undefined);
  }

  // ----------------------------------------------------------------------------------------------
  // Lifecycle.

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    pull = capabilities.textDocument?.diagnostic !== undefined;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    editCaps = {
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      changeAnnotations: capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
      createFiles: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
    };
    const fetch = capabilities.workspace?.configuration
      ? (scopeUri: string | undefined) => connection.workspace.getConfiguration({ scopeUri, section: 'kubeHarden' })
      : undefined;
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    settings = new SettingsStore(fetch, options?.settings, log);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configs.setFolders(folders);

    const literal = capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: literal ? { codeActionKinds: [CodeActionKind.QuickFix, codeActionKinds.fixAll, codeActionKinds.harden] } : true,
        hoverProvider: true,
        executeCommandProvider: { commands: [commands.harden, commands.showDocumentation] },
        diagnosticProvider: pull ? { identifier: 'kube-harden', interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kube-harden' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, undefined).catch((error) => log(`Registration failed: ${errorText(error)}`));
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.kube-harden.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml}' }] })
        .catch((error) => log(`Registration failed: ${errorText(error)}`));
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const current = new Set(configs.folderPaths);
        for (const removed of event.removed) current.delete(keyOf(removed.uri));
        for (const added of event.added) current.add(keyOf(added.uri));
        configs.setFolders([...current]);
        scanWorkspace();
        revalidateAll();
      });
    }
    scanWorkspace();
  });

  /** Reads every folder's Namespace manifests in the background; diagnostics do not wait for it. */
  function scanWorkspace(): void {
    for (const folder of configs.folderPaths) {
      if (!folder.startsWith('/')) continue;
      scanNamespaces(folder)
        .then((found) => {
          for (const uri of openPolicies.keys()) found.delete(keyOf(uri));
          let changed = namespaces.replaceUnder(folder.endsWith('/') ? folder : `${folder}/`, found);
          for (const [uri, policies] of openPolicies) changed = namespaces.set(keyOf(uri), policies) || changed;
          if (changed) revalidateAll();
        })
        .catch((error) => log(`Scanning ${folder} for Namespaces failed: ${errorText(error)}`));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Documents, settings and files.

  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    if (configs.isFolderConfig(uri)) {
      configs.invalidate(uri);
      revalidateAll();
    }
    schedule(uri);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    snapshots.delete(uri);
    analyzers.delete(uri);
    settings.forget(uri);
    const timer = pending.get(uri);
    if (timer) clearImmediate(timer);
    pending.delete(uri);
    if (!pull) connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    if (configs.isFolderConfig(uri)) {
      configs.invalidate(uri);
      revalidateAll();
    }
    // Back to what the disk says the file declares.
    openPolicies.delete(uri);
    void refreshFromDisk(uri);
  });

  async function refreshFromDisk(uri: string): Promise<void> {
    const path = pathOf(uri);
    let policies: ReturnType<typeof namespacePoliciesOfText> = [];
    if (path) {
      try {
        const stat = await fs.stat(path);
        if (stat.size <= maxWatchedFileSize) policies = namespacePoliciesOfText(await fs.readFile(path, 'utf8'));
      } catch {
        // Deleted or unreadable: it declares nothing.
      }
    }
    if (documents.get(uri)) return;
    if (namespaces.set(keyOf(uri), policies)) revalidateAll();
  }

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      settings.changed(params.settings);
      revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, async (params) => {
      let configChanged = false;
      for (const change of params.changes) {
        if (isConfigFile(change.uri)) {
          configs.invalidate(change.uri);
          configChanged = true;
          continue;
        }
        if (!/\.ya?ml$/i.test(change.uri) || documents.get(change.uri)) continue;
        if (change.type === FileChangeType.Deleted) {
          if (namespaces.delete(keyOf(change.uri))) configChanged = true;
        } else {
          await refreshFromDisk(change.uri);
        }
      }
      if (configChanged) revalidateAll();
    }),
  );

  // ----------------------------------------------------------------------------------------------
  // Requests.

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    try {
      const snapshot = await snapshotOf(params.textDocument.uri);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      if (!snapshot) return { kind: 'full', items: [] };
      sendStatus(snapshot);
      const resultId = `${snapshot.version}|${snapshot.key}`;
      if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
      return { kind: 'full', resultId, items: snapshot.diagnostics };
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`Diagnostics failed on ${params.textDocument.uri}: ${errorText(error)}`);
      return { kind: 'full', items: [] };
    }
  });

  connection.onCodeAction(
    guard('codeAction', [], async (params, token) => {
      const snapshot = await snapshotOf(params.textDocument.uri);
      if (!snapshot || token.isCancellationRequested) return [];
      return codeActions(snapshot, params, editCaps, log, () => token.isCancellationRequested, readOtherFile);
    }),
  );

  connection.onHover(
    guard('hover', null, async (params, token) => {
      const snapshot = await snapshotOf(params.textDocument.uri);
      if (!snapshot || token.isCancellationRequested) return null;
      return hover(snapshot, params.position);
    }),
  );

  async function hardenDocument(params: HardenParams): Promise<HardenResult> {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kubeHarden/harden needs textDocument.uri');
    const snapshot = await snapshotOf(uri);
    if (!snapshot) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open`);
    const lines = snapshot.analysis?.file.lines ?? new LineIndex(snapshot.text);
    const offset = params.position ? lines.offset(params.position) : undefined;
    return hardenSnapshot(snapshot, offset, editCaps, log);
  }

  connection.onRequest(
    HardenRequest,
    guard('kubeHarden/harden', { edit: null, workloads: [], cannotFix: [], message: 'Harden failed; see the kube-harden output.' }, hardenDocument),
  );

  const rulesFor = guard('kubeHarden/listRules', { rules: [] as ReturnType<typeof listRules>['rules'] }, async () => {
    // No document to scope to: the window's settings and the outermost folder's config file.
    const folder = configs.folderPaths[configs.folderPaths.length - 1];
    const [userSettings, file] = await Promise.all([settings.get(undefined), folder ? configs.forFolder(folder) : Promise.resolve({ config: {} })]);
    return listRules(mergeConfig(settingsToConfig(userSettings), file.config), userSettings.enable);
  });
  connection.onRequest(ListRulesRequest, () => rulesFor(undefined));

  connection.onExecuteCommand(
    guard('executeCommand', null, async (params) => {
      const args = params.arguments ?? [];
      if (params.command === commands.showDocumentation) {
        const url = args[0];
        if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new ResponseError(ErrorCodes.InvalidParams, 'expected a documentation URL');
        if (capabilities.window?.showDocument?.support) await connection.window.showDocument({ uri: url, external: true });
        else connection.window.showInformationMessage(`kube-harden documentation: ${url}`);
        return null;
      }
      if (params.command === commands.harden) {
        const [uri, position] = args as [string, HardenParams['position']];
        const result = await hardenDocument({ textDocument: { uri }, position });
        if (result.edit) {
          const applied = await connection.workspace.applyEdit({ label: 'Harden (restricted)', edit: result.edit });
          if (!applied.applied) return { ...result, message: `Not applied${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
        }
        connection.window.showInformationMessage(result.message);
        return result;
      }
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    }),
  );

  documents.listen(connection);
  connection.listen();
}
