// Workspace folders and their `.kube-harden.yaml` files: which folder a document belongs to, the
// folder's configuration file (the open editor's text wins over the disk), and URI ↔ path keys.

import { promises as fs } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configFileNames, ConfigProblem, errorMessage, loadConfigText, PartialConfig } from '../engine';

export interface FolderConfig {
  /** The config file's URI, when one exists. */
  uri?: string;
  config: PartialConfig;
  problems: ConfigProblem[];
}

/** A file path for file URIs (so the scan and the editor agree on keys), the URI itself otherwise. */
export function keyOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function pathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? keyOf(uri) : undefined;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export function isConfigFile(uri: string): boolean {
  return configFileNames.includes(basename(keyOf(uri)));
}

export class WorkspaceConfigs {
  /** Folder paths (or URIs for non-file folders). */
  private folders: string[] = [];
  private readonly loaded = new Map<string, Promise<FolderConfig>>();
  generation = 0;

  constructor(
    /** The text of an open document, by file path. */
    private readonly openText: (path: string) => string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris
      .map((uri) => keyOf(uri).replace(/(.)\/+$/, '$1'))
      .sort((a, b) => b.length - a.length);
    this.loaded.clear();
    this.generation++;
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  /** The innermost workspace folder holding the document. */
  folderOf(uri: string): string | undefined {
    const key = keyOf(uri);
    return this.folders.find((f) => key === f || key.startsWith(f === '/' ? f : `${f}/`));
  }

  /** True when `uri` is the config file at the root of a workspace folder. */
  isFolderConfig(uri: string): boolean {
    return isConfigFile(uri) && this.folders.includes(dirname(keyOf(uri)));
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
    const folder = dirname(keyOf(uri));
    if (this.loaded.delete(folder) || this.folders.includes(folder)) this.generation++;
  }

  private async load(folder: string): Promise<FolderConfig> {
    if (!folder.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(folder)) return { config: {}, problems: [] };
    for (const name of configFileNames) {
      const path = `${folder.replace(/\/$/, '')}/${name}`;
      const uri = uriOf(path);
      let text = this.openText(path);
      if (text === undefined) {
        try {
          text = await fs.readFile(path, 'utf8');
        } catch {
          continue;
        }
      }
      try {
        const { config, problems } = loadConfigText(text);
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
