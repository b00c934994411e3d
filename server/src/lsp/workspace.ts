// Workspace folders and their `.kube-harden.yaml` files: which folder a document belongs to, and the
// folder's configuration file (the open editor's text wins over the disk).

import { configFileNames, ConfigProblem, errorMessage, PartialConfig } from '../engine';
import { loadConfigFileText } from '../../../rules';
import { ServerEnvironment, Paths } from './environment';

export interface FolderConfig {
  /** The config file's URI, when one exists. */
  uri?: string;
  config: PartialConfig;
  problems: ConfigProblem[];
}

export class WorkspaceConfigs {
  /** Folder keys (paths, or URIs for non-file folders), innermost first. */
  private folders: string[] = [];
  private readonly loaded = new Map<string, Promise<FolderConfig>>();
  readonly paths: Paths;
  generation = 0;

  constructor(
    private readonly env: ServerEnvironment,
    /** The text of an open document, by key. */
    private readonly openText: (key: string) => string | undefined,
    private readonly log: (message: string) => void,
  ) {
    this.paths = new Paths(env.style);
  }

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map((uri) => this.trim(this.paths.keyOf(uri))).sort((a, b) => b.length - a.length);
    this.loaded.clear();
    this.generation++;
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  isConfigFile(uri: string): boolean {
    return configFileNames.includes(this.paths.basename(this.paths.keyOf(uri)));
  }

  /** The innermost workspace folder holding the document. */
  folderOf(uri: string): string | undefined {
    const key = this.paths.keyOf(uri);
    return this.folders.find((f) => key === f || this.paths.relativeTo(f, key) !== undefined || (!this.paths.isAbsolute(f) && key.startsWith(`${f}/`)));
  }

  /** True when `uri` is the config file at the root of a workspace folder. */
  isFolderConfig(uri: string): boolean {
    return this.isConfigFile(uri) && this.folders.includes(this.paths.dirname(this.paths.keyOf(uri)));
  }

  /** The configuration file of the document's folder, read once and cached until it changes. */
  forDocument(uri: string): Promise<FolderConfig> {
    const folder = this.folderOf(uri);
    return folder === undefined ? Promise.resolve({ config: {}, problems: [] }) : this.forFolder(folder);
  }

  forFolder(folder: string): Promise<FolderConfig> {
    let config = this.loaded.get(folder);
    if (!config) {
      config = this.load(folder);
      this.loaded.set(folder, config);
    }
    return config;
  }

  /** Forgets the folder's config (the file changed on disk or in the editor). */
  invalidate(uri: string): void {
    const folder = this.paths.dirname(this.paths.keyOf(uri));
    if (this.loaded.delete(folder) || this.folders.includes(folder)) this.generation++;
  }

  /** A folder key without a trailing separator (but a root stays a root). */
  private trim(key: string): string {
    return this.paths.isAbsolute(key) ? key.replace(/(.)[\\/]+$/, (whole, c: string) => (c === ':' ? whole : c)) : key.replace(/(.)\/+$/, '$1');
  }

  private async load(folder: string): Promise<FolderConfig> {
    if (!this.paths.isAbsolute(folder)) return { config: {}, problems: [] };
    for (const name of configFileNames) {
      const path = this.paths.join(folder, name);
      const uri = this.paths.uriOf(path);
      let text = this.openText(path);
      if (text === undefined) {
        try {
          text = await this.env.fs.readFile(path);
        } catch {
          continue;
        }
      }
      try {
        const { config, problems } = loadConfigFileText(text);
        if (problems.length > 0) this.log(`${path}: ${problems.map((p) => p.message).join('; ')}`);
        return { uri, config, problems };
      } catch (error) {
        this.log(`${path}: could not be read (${errorMessage(error)})`);
        return { uri, config: {}, problems: [] };
      }
    }
    return { config: {}, problems: [] };
  }
}
