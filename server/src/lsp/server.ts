// The handlers: wire the connection's requests and notifications to the language service, keep the
// per-document snapshots, settings, workspace config files, the workspace index (every manifest's
// facts, for the network rules) and the Namespace index up to date, and
// deliver diagnostics by pull (with refresh) or by push — one or the other for a client, never both.

import {
  CancellationToken,
  ClientCapabilities,
  CodeAction,
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
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import {
  check,
  enabledGlobs,
  errorMessage,
  ExcludeMatcher,
  factsOfText,
  LineIndex,
  manifestFile,
  mergeConfig,
  NamespaceIndex,
  namespacePolicies,
  NamespacePolicy,
  namespacesOf,
  readManifestForIndex,
  scanWorkspace as scanManifests,
  touches,
  WorkspaceIndex,
} from '../engine';
import { rules } from '../../../rules';
import { DocumentAnalyzer, FileAnalysis } from './analysis';
import { commands, codeActionKinds, HardenParams, HardenRequest, HardenResult, ListRulesRequest, StatusNotification } from './protocol';
import { buildSnapshot, codeActions, resolveCodeAction, configFileDiagnostics, EditCapabilities, hardenSnapshot, hover, listRules, Snapshot } from './service';
import { SettingsStore, settingsToConfig } from './settings';
import { isConfigFile, keyOf, pathOf, uriOf as uriOfPath, WorkspaceConfigs } from './workspace';

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
  /** Every manifest's facts; open documents' current text takes precedence over the disk. */
  const workspace = new WorkspaceIndex();
  /** Per workspace folder: its exclusion globs (`files.exclude` and `kubeHarden.exclude`), as a matcher and as a signature. */
  const excludes = new Map<string, { matcher: ExcludeMatcher; signature: string }>();
  const rulesScope = new Map(rules.map((r) => [r.id, r.meta.scope]));
  let scanRound = 0;
  const snapshots = new Map<string, Snapshot>();
  const analyzers = new Map<string, DocumentAnalyzer>();
  /** The Namespace policies each open document declares, re-applied after a workspace scan. */
  const openPolicies = new Map<string, NamespacePolicy[]>();
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

  /** Wraps a handler so that one failure is logged and answered with a fallback, never fatal. */
  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token?: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token ?? CancellationToken.None);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(`${name} failed: ${errorMessage(error, { stack: true })}`);
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
    const lintKey = `${settings.generation}:${configs.generation}:${namespaces.generation}:${userSettings.enable}:${JSON.stringify(config)}`;
    // The workspace generation is part of the snapshot's key (and the pull result id), not of the
    // document rules' cache key: a change elsewhere re-runs only the workspace-scope rules.
    const key = `${lintKey}:${workspace.generation}`;
    const cached = snapshots.get(uri);
    if (cached && cached.version === doc.version && cached.key === key) return cached;

    const text = doc.getText();
    const workspaceNamespaces = namespaces.policies;
    const configFile = isConfigFile(uri);
    let analysis: FileAnalysis | undefined;
    if (userSettings.enable && !configFile) analysis = analyze(uri, doc.version, text, { config, namespaces: workspaceNamespaces, key: lintKey });
    let snapshot = buildSnapshot({ uri, version: doc.version, text, key, settings: userSettings, config, namespaces: workspaceNamespaces, analysis });
    if (configFile) snapshot = { ...snapshot, diagnostics: configFileDiagnostics(text) };
    snapshots.set(uri, snapshot);
    if (analysis) {
      noteNamespaces(uri, analysis);
      // The document's own facts never change what it sees of the others, so its snapshot stays valid.
      if (noteFacts(uri, analysis)) snapshot.key = `${lintKey}:${workspace.generation}`;
    }
    return snapshot;
  }

  function analyze(uri: string, version: number, text: string, options: { config: ReturnType<typeof mergeConfig>; namespaces: typeof namespaces.policies; key: string }): FileAnalysis | undefined {
    const failed = new Set<string>();
    const onRuleError = (ruleId: string, error: unknown) => {
      // Once per rule and document version: the other rules still report.
      if (failed.has(ruleId)) return;
      failed.add(ruleId);
      log(`Rule ${ruleId} failed on ${uri} (version ${version}): ${errorMessage(error)}`);
    };
    let analyzer = analyzers.get(uri);
    if (!analyzer) analyzers.set(uri, (analyzer = new DocumentAnalyzer()));
    try {
      return analyzer.analyze(text, { ...options, rules, onRuleError, maxSize: maxDocumentSize, workspace, fileKey: keyOf(uri), workspaceKey: String(workspace.generation) });
    } catch (error) {
      log(`Incremental analysis failed on ${uri}; checking the whole file instead: ${errorMessage(error)}`);
      analyzers.delete(uri);
      try {
        const result = check(text, { config: options.config, rules, namespaces: options.namespaces, onRuleError });
        // Without the workspace's facts the workspace rules would see this file alone: drop their findings.
        const findings = result.findings.filter((f) => rulesScope.get(f.ruleId) !== 'workspace');
        return { file: result.file, findings, problems: result.problems, resources: result.resources };
      } catch (again) {
        log(`Could not check ${uri}: ${errorMessage(again)}`);
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

  /** Is this file part of the workspace index (not excluded, not in node_modules or .git)? */
  function indexed(uri: string): boolean {
    const path = keyOf(uri);
    const folder = configs.folderOf(uri);
    if (folder === undefined || (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path))) return true;
    const rel = relative(folder, path).split(sep).join('/');
    if (rel.split('/').some((part) => part === 'node_modules' || part === '.git')) return false;
    return !excludes.get(folder)?.matcher.excludes(rel);
  }

  /**
   * An open document's facts replace the disk's in the index; returns true when the index changed.
   * Only the other open documents about the same namespaces are re-diagnosed (pull: refreshed).
   */
  function noteFacts(uri: string, analysis: FileAnalysis): boolean {
    const key = keyOf(uri);
    const before = workspace.get(key);
    const usable = analysis.facts && indexed(uri) && analysis.problems.every((p) => p.code !== 'not-checked');
    const changed = usable ? workspace.set(key, analysis.facts!) : workspace.delete(key);
    if (changed) {
      const touched = namespacesOf(before);
      for (const n of namespacesOf(usable ? analysis.facts : undefined)) touched.add(n);
      const affected = documents.all().filter((d) => d.uri !== uri && touches(touched, namespacesOf(snapshots.get(d.uri)?.analysis?.facts)));
      if (affected.length > 0) setImmediate(() => (pull ? revalidateAll(uri) : affected.forEach((d) => schedule(d.uri))));
    }
    return changed;
  }

  // ----------------------------------------------------------------------------------------------
  // Delivery.

  /** Re-diagnoses every open document (but `except`, whose own change caused it). */
  function revalidateAll(except?: string): void {
    if (pull) {
      if (refreshSupport) connection.languages.diagnostics.refresh().catch((error) => log(`Diagnostic refresh failed: ${errorMessage(error)}`));
    } else {
      for (const doc of documents.all()) if (doc.uri !== except) schedule(doc.uri);
    }
  }

  function schedule(uri: string): void {
    if (pull || pending.has(uri)) return;
    // setImmediate coalesces the changes of one burst of messages without a timed debounce.
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        publish(uri).catch((error) => log(`Diagnosing ${uri} failed: ${errorMessage(error)}`));
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
      resolveEdits: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
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
        codeActionProvider: literal ? { codeActionKinds: [CodeActionKind.QuickFix, codeActionKinds.fixAll, codeActionKinds.harden], resolveProvider: true } : true,
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
      connection.client.register(DidChangeConfigurationNotification.type, undefined).catch((error) => log(`Registration failed: ${errorMessage(error)}`));
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.kube-harden.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml}' }] })
        .catch((error) => log(`Registration failed: ${errorMessage(error)}`));
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const current = new Set(configs.folderPaths);
        for (const removed of event.removed) current.delete(keyOf(removed.uri));
        for (const added of event.added) current.add(keyOf(added.uri));
        configs.setFolders([...current]);
        void scanWorkspace();
        revalidateAll();
      });
    }
    void scanWorkspace();
  });

  /** A folder's exclusion globs: `files.exclude` (entries set to true) and `kubeHarden.exclude`. */
  async function loadExcludes(folder: string): Promise<{ matcher: ExcludeMatcher; signature: string }> {
    const scopeUri = uriOfPath(folder);
    const own = (await settings.get(scopeUri)).exclude ?? [];
    let files: string[] = [];
    if (capabilities.workspace?.configuration) {
      try {
        const section = (await connection.workspace.getConfiguration({ scopeUri, section: 'files' })) as { exclude?: unknown } | null;
        files = enabledGlobs(section?.exclude);
      } catch (error) {
        log(`Could not read files.exclude: ${errorMessage(error)}`);
      }
    }
    const globs = [...files, ...own];
    return { matcher: new ExcludeMatcher(globs), signature: JSON.stringify(globs) };
  }

  /**
   * Indexes every folder's manifests in the background (diagnostics do not wait for it): their
   * facts for the workspace rules, and their Namespaces' Pod Security labels. Open documents keep
   * their editor text. With `onlyIfExcludesChanged`, folders whose exclusion globs did not change are skipped.
   */
  async function scanWorkspace(onlyIfExcludesChanged = false): Promise<void> {
    const round = ++scanRound;
    for (const folder of configs.folderPaths) {
      if (!folder.startsWith('/')) continue;
      try {
        const exclude = await loadExcludes(folder);
        if (onlyIfExcludesChanged && excludes.get(folder)?.signature === exclude.signature) continue;
        excludes.set(folder, exclude);
        const found = await scanManifests(folder, { exclude: exclude.matcher, cancelled: () => round !== scanRound });
        if (round !== scanRound) return;
        const prefix = folder.endsWith('/') ? folder : `${folder}/`;
        const isOpen = new Set(documents.all().map((d) => keyOf(d.uri)));
        let changed = workspace.replaceUnder(prefix, found, (file) => isOpen.has(file));
        const pss = new Map([...found].filter(([file, facts]) => facts.pss.length > 0 && !isOpen.has(file)).map(([file, facts]) => [file, facts.pss]));
        changed = namespaces.replaceUnder(prefix, pss) || changed;
        for (const [uri, policies] of openPolicies) changed = namespaces.set(keyOf(uri), policies) || changed;
        // Open documents that are now excluded leave the index; the others are already in it.
        for (const doc of documents.all()) if (!indexed(doc.uri)) changed = workspace.delete(keyOf(doc.uri)) || changed;
        if (changed) revalidateAll();
      } catch (error) {
        log(`Indexing ${folder} failed: ${errorMessage(error)}`);
      }
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
    void refreshFromDisk(uri).then((changed) => changed && revalidateAll());
  });

  /** Re-reads a closed file into both indexes (deleted, unreadable or excluded: it declares nothing); true when one changed. */
  async function refreshFromDisk(uri: string): Promise<boolean> {
    const path = pathOf(uri);
    const text = path && manifestFile.test(path) ? await readManifestForIndex(path, maxWatchedFileSize) : undefined;
    const facts = text === undefined ? undefined : factsOfText(keyOf(uri), text);
    if (documents.get(uri)) return false;
    let changed = namespaces.set(keyOf(uri), facts?.pss ?? []);
    changed = (facts && indexed(uri) ? workspace.set(keyOf(uri), facts) : workspace.delete(keyOf(uri))) || changed;
    return changed;
  }

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      settings.changed(params.settings);
      revalidateAll();
      // `kubeHarden.exclude` or `files.exclude` may have changed: re-index the folders whose globs did.
      void scanWorkspace(true);
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
        // A rename arrives as a deletion and a creation.
        if (change.type === FileChangeType.Deleted) {
          if (namespaces.delete(keyOf(change.uri))) configChanged = true;
          if (workspace.delete(keyOf(change.uri))) configChanged = true;
        } else if (await refreshFromDisk(change.uri)) {
          configChanged = true;
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
      log(`Diagnostics failed on ${params.textDocument.uri}: ${errorMessage(error)}`);
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

  connection.onCodeActionResolve(async (action: CodeAction) => {
    // A failure leaves the action as offered, without an edit, rather than failing the request.
    const resolve = guard('codeAction/resolve', action, async (a: CodeAction) => {
      const uri = (a.data as { uri?: unknown } | undefined)?.uri;
      const snapshot = typeof uri === 'string' ? await snapshotOf(uri) : undefined;
      return resolveCodeAction(snapshot, a, editCaps, log);
    });
    return resolve(action);
  });

  connection.onHover(
    guard('hover', null, async (params, token) => {
      const snapshot = await snapshotOf(params.textDocument.uri);
      if (!snapshot || token.isCancellationRequested) return null;
      return hover(snapshot, params.position, (path) => (path.startsWith('/') ? uriOfPath(path) : path));
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
        else showInfo(`kube-harden documentation: ${url}`);
        return null;
      }
      if (params.command === commands.harden) {
        const [uri, position] = args as [string, HardenParams['position']];
        const result = await hardenDocument({ textDocument: { uri }, position });
        if (result.edit) {
          const applied = await connection.workspace.applyEdit({ label: 'Harden (restricted)', edit: result.edit });
          if (!applied.applied) return { ...result, message: `Not applied${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
        }
        showInfo(result.message);
        return result;
      }
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    }),
  );

  /**
   * `window/showMessage`, a notification: `connection.window.showInformationMessage` sends
   * `window/showMessageRequest`, which Neovim 0.7 answers with a blocking "Request Actions" prompt.
   */
  function showInfo(message: string): void {
    connection.sendNotification('window/showMessage', { type: 3 /* MessageType.Info */, message }).catch(() => undefined);
  }

  documents.listen(connection);
  connection.listen();
}
