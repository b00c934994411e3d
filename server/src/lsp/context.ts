// The state the server's parts share: the connection, the open documents, the settings and config
// files, the workspace model, what the client can do, and the environment. One object, passed to
// each part, instead of variables captured by one long closure.

import { readFileSync } from 'node:fs';
import { CancellationToken, ClientCapabilities, Connection, ResponseError, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage, GitState, WorkspaceModel } from '../engine';
import { workspaceExtractors } from '../../../rules';
import { Paths, ServerEnvironment } from './environment';
import type { HelmCharts } from './helm';
import type { OverlayRenders } from './overlay-renders';
import { SettingsStore } from './settings';
import { WorkspaceConfigs } from './workspace';
import { EditCapabilities } from './workspace-edit';

/** What the client said it can do, read once at `initialize`. */
export interface ClientInfo {
  capabilities: ClientCapabilities;
  /** Diagnostics are pulled by the client (else pushed by the server): one or the other, never both. */
  pull: boolean;
  refreshSupport: boolean;
  edits: EditCapabilities;
  /**
   * A document that stops parsing while it is edited keeps its facts (AnalysisOptions.holdBrokenFacts)
   * and the findings of its last version that parsed (last-good.ts). On unless
   * `initializationOptions.holdBrokenFacts` is false: the property tests compare the server with a
   * fresh one, which cannot know what a broken document said before.
   */
  holdBrokenFacts: boolean;
}

export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  /** Every manifest's facts; an open document's current text takes precedence over the disk. */
  readonly model = new WorkspaceModel(workspaceExtractors());
  readonly configs: WorkspaceConfigs;
  readonly paths: Paths;
  settings: SettingsStore;
  /** Chart renders and their findings, by the files they land on. */
  helm?: HelmCharts;
  /** Overlay renderings and their findings, by the files they land on. */
  overlays?: OverlayRenders;
  client: ClientInfo = { capabilities: {}, pull: false, refreshSupport: false, edits: { documentChanges: false, changeAnnotations: false }, holdBrokenFacts: true };

  constructor(
    readonly connection: Connection,
    readonly env: ServerEnvironment,
  ) {
    this.paths = new Paths(env.style);
    this.settings = new SettingsStore(undefined, undefined, (m) => this.log(m));
    this.configs = new WorkspaceConfigs(
      env,
      (key) => this.openText(key),
      (m) => this.log(m),
    );
  }

  /** An error: VS Code shows it in the Output channel, and some clients as a notification. */
  log(message: string): void {
    this.connection.console.error(message);
  }

  /** What the server did (a rendering, a limit reached): information, not an error. */
  info(message: string): void {
    this.connection.console.info(message);
  }

  /** Wraps a handler so that one failure is logged and answered with a fallback, never fatal. */
  guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token?: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token ?? CancellationToken.None);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        this.log(`${name} failed: ${errorMessage(error, { stack: true })}`);
        return fallback;
      }
    };
  }

  /** The text of the open document with this key. */
  openText(key: string): string | undefined {
    return this.documents
      .all()
      .find((d) => this.paths.keyOf(d.uri) === key)
      ?.getText();
  }

  /** Another file's text for suggestions that write files: the open editor's, else the disk's. */
  readOtherFile(uri: string): string | undefined {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    const key = this.paths.keyOf(uri);
    if (key === uri) return undefined;
    try {
      return readFileSync(key, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Where the file at this URI stands with git: `unknown` for a URI that is no file, or without git. */
  async gitStateOf(uri: string): Promise<GitState> {
    const key = this.paths.keyOf(uri);
    if (key === uri || !this.env.git) return 'unknown';
    try {
      return await this.env.git.stateOf(key);
    } catch (error) {
      this.log(`Asking git about ${key} failed: ${errorMessage(error)}`);
      return 'unknown';
    }
  }

  /** `window/showMessage`, a notification: Neovim 0.7 answers `showMessageRequest` with a blocking prompt. */
  showInfo(message: string): void {
    this.connection.sendNotification('window/showMessage', { type: 3 /* MessageType.Info */, message }).catch(() => undefined);
  }
}
