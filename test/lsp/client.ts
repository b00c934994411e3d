// A small LSP client for the protocol tests: spawns the bundled dist/server.js over stdio, speaks
// JSON-RPC with vscode-languageserver-protocol, mirrors the documents it opens, and waits for
// diagnostics, status notifications and refresh requests by event with a timeout — never by sleeping.

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  CodeAction,
  CodeActionParams,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  Position,
  ProtocolConnection,
  PublishDiagnosticsParams,
  Range,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  WorkspaceEdit,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const root = resolve(__dirname, '../..');
export const serverPath = join(root, 'dist/server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when the server bundle is missing or older than its sources; one test process at a time. */
export function ensureBuilt(): void {
  const stale = () => !existsSync(serverPath) || statSync(serverPath).mtimeMs < Math.max(newestMtime(join(root, 'server/src')), newestMtime(join(root, 'rules')));
  if (!stale()) return;
  const lock = join(root, 'dist', '.build-lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for another build');
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 100)']);
    }
  }
  try {
    if (stale()) {
      const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
      if (result.status !== 0) throw new Error('node esbuild.mjs failed');
    }
  } finally {
    rmdirSync(lock);
  }
}

export interface ClientOptions {
  /** Declare `textDocument.diagnostic` (pull, like VS Code) or not (push only, like Neovim 0.7). */
  pull?: boolean;
  /** Answer `workspace/configuration` (true) or not declare the capability at all. */
  configuration?: boolean;
  /** The `kubeHarden` section returned for `workspace/configuration`. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  workspaceFolders?: string[];
  /** Workspace folders given as URIs as they are (e.g. `file:///c%3A/work`). */
  workspaceFolderUris?: string[];
  changeAnnotations?: boolean;
  documentChanges?: boolean;
  watchedFiles?: boolean;
  /** Declare `workspaceEdit.resourceOperations: ['create']`, so suggestions that create files are offered. */
  createFiles?: boolean;
  /** Declare `codeAction.resolveSupport` for `edit`, as VS Code does: costly edits come from `codeAction/resolve`. */
  resolveEdits?: boolean;
  /** Declare `definition.linkSupport` (default true, as VS Code does): LocationLinks rather than Locations. */
  definitionLinks?: boolean;
}

type Waiter = { test: () => boolean; resolve: () => void };

/** A notification written as it is, for `TestClient.burst`. */
export interface RawNotification {
  method: string;
  params: unknown;
}

export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: Array<Record<string, unknown>> = [];
  readonly logs: string[] = [];
  /** Each logged line's `MessageType` (1 error, 2 warning, 3 info, 4 log). */
  readonly logTypes = new Map<string, number>();
  readonly shownDocuments: string[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: string[] = [];
  refreshes = 0;
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  private readonly docs = new Map<string, TextDocument>();
  private waiters: Waiter[] = [];
  private exited = false;

  private constructor(
    /** Absent for a server running in this process (`inProcess`). */
    readonly process: ChildProcess | undefined,
    readonly connection: ProtocolConnection,
    readonly options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', (chunk) => process.env.KUBE_HARDEN_TEST_VERBOSE && process.stderr.write(chunk));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options);
    child.on('exit', () => {
      client.exited = true;
      client.notify();
    });
    return client.initialize();
  }

  /**
   * The real server in this process, over in-memory streams, started by `start(connection)`: for an
   * environment a child process cannot have (an in-memory Windows file system).
   */
  static async inProcess(options: ClientOptions, start: (reader: NodeJS.ReadableStream, writer: NodeJS.WritableStream) => void): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    start(toServer, toClient);
    const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    return new TestClient(undefined, connection, options).initialize();
  }

  private async initialize(): Promise<TestClient> {
    const { options, connection } = this;
    const client = this;
    client.listen();
    connection.listen();
    const folders = [...(options.workspaceFolders ?? []).map((path) => pathToFileURL(path).href), ...(options.workspaceFolderUris ?? [])].map((uri) => ({ uri, name: uri }));
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: options.watchedFiles ?? true },
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: {
          documentChanges: options.documentChanges ?? true,
          resourceOperations: options.createFiles ? ['create'] : undefined,
          changeAnnotationSupport: options.changeAnnotations ? { groupsOnLabel: true } : undefined,
        },
        diagnostics: options.pull ? { refreshSupport: true } : undefined,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: false },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          ...(options.resolveEdits ? { resolveSupport: { properties: ['edit'] }, dataSupport: true } : {}),
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        definition: { linkSupport: options.definitionLinks ?? true },
        diagnostic: options.pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
      },
      window: { showDocument: { support: true } },
    };
    client.initializeResult = await connection.sendRequest('initialize', {
      // The server polls a client process id every 3 s and never stops: a server in this process must not watch itself.
      processId: this.process ? process.pid : null,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.notify();
    });
    c.onNotification('kubeHarden/status', (params: Record<string, unknown>) => {
      this.statuses.push(params);
      this.notify();
    });
    c.onNotification('window/logMessage', (params: { message: string; type: number }) => {
      this.logs.push(params.message);
      this.logTypes.set(params.message, params.type);
      this.notify();
    });
    c.onNotification('window/showMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    c.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => this.settings));
    c.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string }> }) => {
      for (const r of params.registrations) this.registrations.push(r.method);
      this.notify();
      return null;
    });
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    c.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      this.notify();
      return { success: true };
    });
    c.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(params);
      this.notify();
      return { applied: true };
    });
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.test());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Resolves when `test` holds, checked on every message from the server. */
  waitFor(test: () => boolean, what: string, timeout = 5000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      const waiter: Waiter = {
        test: () => test() || this.exited,
        resolve: () => {
          clearTimeout(timer);
          if (this.exited && !test()) reject(new Error(`server exited while waiting for ${what}`));
          else resolvePromise();
        },
      };
      this.waiters.push(waiter);
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.docs.get(uri)!.version;
  }

  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Sends incremental changes and mirrors them locally. */
  async change(uri: string, changes: Array<{ range: Range; text: string }>): Promise<void> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
  }

  /** Replaces the first occurrence of `from` with `to`, as one incremental change. */
  async replace(uri: string, from: string, to: string): Promise<void> {
    const doc = this.docs.get(uri)!;
    const at = doc.getText().indexOf(from);
    if (at < 0) throw new Error(`"${from}" not in ${uri}`);
    await this.change(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, text: to }]);
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The diagnostics of the document's current version: pulled, or waited for as published. */
  async diagnostics(uri: string, timeout = 5000): Promise<Diagnostic[]> {
    if (this.options.pull) {
      const report: DocumentDiagnosticReport = await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      if (report.kind !== 'full') throw new Error('expected a full report');
      return report.items;
    }
    const version = this.version(uri);
    const current = () => this.published.get(uri)?.find((p) => p.version === version);
    await this.waitFor(() => current() !== undefined, `diagnostics of ${uri} v${version}`, timeout);
    return current()!.diagnostics;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const params: CodeActionParams = { textDocument: { uri }, range, context: { diagnostics, only } };
    return this.connection.sendRequest('textDocument/codeAction', params);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params);
  }

  notification(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Applies a workspace edit's changes for `uri` to the mirrored text and sends them as one didChange. */
  async apply(uri: string, edit: WorkspaceEdit): Promise<string> {
    const edits = editsFor(edit, uri);
    const doc = this.docs.get(uri)!;
    // Content changes are applied in order: send them from the end of the text backwards.
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    await this.change(
      uri,
      sorted.map((e) => ({ range: e.range, text: e.newText })),
    );
    return this.text(uri);
  }

  /** The didChange that replaces the first `from` with `to`, applied to the mirror but not sent: for `burst`. */
  replaceMessage(uri: string, from: string, to: string): RawNotification {
    const doc = this.docs.get(uri)!;
    const at = doc.getText().indexOf(from);
    if (at < 0) throw new Error(`"${from}" not in ${uri}`);
    const changes = [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, text: to }];
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    return { method: 'textDocument/didChange', params: { textDocument: { uri, version: next.version }, contentChanges: changes } };
  }

  /** The didOpen of `uri`, mirrored but not sent: for `burst`. */
  openMessage(uri: string, text: string, languageId = 'yaml'): RawNotification {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    return { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId, version: 1, text } } };
  }

  /** The didClose of `uri`, mirrored but not sent: for `burst`. */
  closeMessage(uri: string): RawNotification {
    this.docs.delete(uri);
    return { method: 'textDocument/didClose', params: { textDocument: { uri } } };
  }

  /**
   * Sends notifications in one write, so that the server reads them as one burst, as quick edits to
   * several files reach it from an editor. Separate sends may arrive in separate reads, between
   * which the server may rightly answer what it has.
   */
  async burst(messages: RawNotification[]): Promise<void> {
    const stdin = this.process?.stdin;
    if (!stdin) throw new Error('burst() needs a spawned server');
    const frames = messages.map((m) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    await new Promise<void>((resolvePromise, reject) => stdin.write(Buffer.concat(frames), (error) => (error ? reject(error) : resolvePromise())));
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    if (!this.process) {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]).catch(() => undefined);
      this.connection.dispose();
      this.exited = true;
      return;
    }
    const process = this.process;
    const exited = new Promise<void>((resolvePromise) => process.once('exit', () => resolvePromise()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The connection may already be gone.
    }
    const timer = setTimeout(() => process.kill(), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  if (edit.changes?.[uri]) return edit.changes[uri];
  const out: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) if ('textDocument' in change && change.textDocument.uri === uri) out.push(...(change.edits as TextEdit[]));
  return out;
}

/** Applies text edits to a string, the way an editor does. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const doc = TextDocument.create('file:///x', 'yaml', 1, text);
  return TextDocument.applyEdits(doc, edits);
}

let counter = 0;
export function uniqueUri(name: string, folder = '/tmp/kube-harden-lsp-test'): string {
  return pathToFileURL(join(folder, `${++counter}-${name}`)).href;
}

/** [line, character] of the `nth` occurrence of `needle` in `text`, as LSP counts them. */
export function positionOf(text: string, needle: string, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not found`);
  }
  return TextDocument.create('file:///x', 'yaml', 1, text).positionAt(at);
}

/** A diagnostic's message as text (LSP 3.18 also allows markup). */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
