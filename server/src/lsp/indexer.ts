// The workspace indexer: fills the workspace model from the disk (the initial scan of every folder,
// then watched-file events and closed documents) and decides which files take part in it: those
// not excluded by `files.exclude` or `kubeHarden.exclude`. Open documents are set by their analysis
// from the editor's text; the disk never overrides them while they are open.

import { FileChangeType, FileEvent } from 'vscode-languageserver/node';
import { baseNameOf, ChangeSet, errorMessage, extractText, otherFileNames } from '../engine';
import { defaultMaxIndexedFileSize, enabledGlobs, ExcludeMatcher, indexedFile, manifestFile, pathApi, readLimited, relativeTo, scanFolder, skippedFolders } from '../io';
import { ServerContext } from './context';

interface FolderExcludes {
  matcher: ExcludeMatcher;
  signature: string;
  /** `kubeHarden.policies.folder` resolved, when it lies outside the workspace folder (inside, it is scanned anyway). */
  policies?: string;
}

export class WorkspaceIndexer {
  /** Per workspace folder: its exclusion globs, as a matcher and as a signature. */
  private readonly excludes = new Map<string, FolderExcludes>();
  private round = 0;
  private readonly reads = new Set<Promise<void>>();
  /** Settles when the first scan has ended, or when waiting for it has taken too long once. */
  private readonly firstScan: Promise<void>;
  private firstScanEnded!: () => void;
  /** Set once the wait is over: later requests (every snapshot asks) arm no timer. */
  private waited = false;

  constructor(
    private readonly ctx: ServerContext,
    /** Called when the model changed in a way open documents may see. */
    private readonly changed: () => void,
  ) {
    this.firstScan = new Promise<void>((resolve) => (this.firstScanEnded = resolve)).then(() => {
      this.waited = true;
    });
  }

  /**
   * Waits for the first scan of the workspace, at most `limit` ms in all. Until it ends the model
   * knows the open documents only: a workload would be reported unisolated by a NetworkPolicy in a
   * closed file, and the finding withdrawn a moment later — a false positive that also makes VS Code
   * drop a Fix All the user just asked for (it cancels code actions whenever markers change).
   */
  indexed(limit = 2000): Promise<void> {
    if (this.waited) return Promise.resolve();
    const timer = setTimeout(() => this.firstScanEnded(), limit);
    timer.unref?.();
    return this.firstScan.finally(() => clearTimeout(timer));
  }

  /** Whether a document takes part in the workspace (not excluded, not under node_modules or .git). */
  isShared(uri: string): boolean {
    const { paths, configs } = this.ctx;
    const folder = configs.folderOf(uri);
    const rel = folder === undefined ? undefined : paths.relativeTo(folder, paths.keyOf(uri));
    if (rel === undefined) return true;
    if (rel.split('/').some((part) => skippedFolders.has(part))) return false;
    return !this.excludes.get(folder!)?.matcher.excludes(rel);
  }

  /**
   * Indexes every folder's manifests in the background (diagnostics do not wait for it). With
   * `onlyIfExcludesChanged`, folders whose exclusion globs did not change are skipped.
   */
  async scan(onlyIfExcludesChanged = false): Promise<void> {
    const round = ++this.round;
    for (const folder of this.ctx.configs.folderPaths) {
      if (!this.ctx.paths.isAbsolute(folder)) continue;
      try {
        const exclude = await this.loadExcludes(folder);
        if (onlyIfExcludesChanged && this.excludes.get(folder)?.signature === exclude.signature) continue;
        this.excludes.set(folder, exclude);
        if (await this.scanFolder(folder, exclude.matcher, () => round !== this.round)) this.changed();
        // The admission policies that judge this folder's manifests, kept elsewhere: indexed, never checked.
        if (exclude.policies && (await this.scanFolder(exclude.policies, new ExcludeMatcher([]), () => round !== this.round))) this.changed();
      } catch (error) {
        this.ctx.log(`Indexing ${folder} failed: ${errorMessage(error)}`);
      }
    }
    if (round === this.round) this.firstScanEnded();
  }

  /** Replaces a folder's closed files in the model with a fresh scan; true when the model changed. */
  private async scanFolder(folder: string, exclude: ExcludeMatcher, cancelled: () => boolean): Promise<boolean> {
    const { model, paths, documents, env } = this.ctx;
    const started = performance.now();
    const found = await scanFolder(folder, model.extractorList, { exclude, cancelled, fs: env.fs, style: env.style });
    if (!cancelled()) this.ctx.info(`Indexed ${folder}: ${found.entries.size} YAML file(s) in ${Math.round(performance.now() - started)} ms.`);
    if (found.truncated) this.ctx.info(`Indexing ${folder}: stopped at 50,000 YAML files; the others are not indexed.`);
    if (cancelled()) return false;
    const open = new Set(documents.all().map((d) => paths.keyOf(d.uri)));
    let changed = false;
    for (const key of model.keys()) {
      if (paths.relativeTo(folder, key) !== undefined && !found.entries.has(key) && !open.has(key)) changed = !!model.delete(key) || changed;
    }
    for (const [key, entry] of found.entries) if (!open.has(key)) changed = !!model.set(entry) || changed;
    // Open documents that are now excluded leave the model; the others are already in it.
    for (const doc of documents.all()) if (!this.isShared(doc.uri)) changed = !!model.delete(paths.keyOf(doc.uri)) || changed;
    return changed;
  }

  /** A folder's exclusion globs: `files.exclude` (entries set to true) and `kubeHarden.exclude`. */
  private async loadExcludes(folder: string): Promise<FolderExcludes> {
    const { connection, settings, paths, client } = this.ctx;
    const scopeUri = paths.uriOf(folder);
    const folderSettings = await settings.get(scopeUri);
    const own = folderSettings.exclude ?? [];
    const style = this.ctx.env.style;
    // The setting wins over `policies.folder` of the folder's `.kube-harden.yaml` (both relative to the folder).
    const named = folderSettings.policiesFolder ?? (await this.ctx.configs.forFolder(folder)).config.policies?.folder;
    const policies = named === undefined ? undefined : pathApi(style).resolve(folder, named);
    const outside = policies !== undefined && relativeTo(folder, policies, style) === undefined ? policies : undefined;
    let files: string[] = [];
    if (client.capabilities.workspace?.configuration) {
      try {
        const section = (await connection.workspace.getConfiguration({ scopeUri, section: 'files' })) as { exclude?: unknown } | null;
        files = enabledGlobs(section?.exclude);
      } catch (error) {
        this.ctx.log(`Could not read files.exclude: ${errorMessage(error)}`);
      }
    }
    const globs = [...files, ...own];
    return { matcher: new ExcludeMatcher(globs), signature: JSON.stringify([globs, outside]), ...(outside ? { policies: outside } : {}) };
  }

  /**
   * Waits for the disk reads in flight. Until one lands the model still holds what the file
   * declared before (a closed editor's text), which no longer counts: results wait rather than show it.
   */
  async settled(): Promise<void> {
    while (this.reads.size > 0) await Promise.all(this.reads);
  }

  /**
   * Manifests, the files that an extractor reads whole by name (a kustomization), those a document
   * kind may be in (a `.json`), and those an extractor reads from their text (a scanner's report).
   */
  private indexable(key: string): boolean {
    const name = baseNameOf(key);
    return manifestFile.test(key) || this.ctx.model.extractorList.some((e) => e.fileNames?.includes(name) || e.textFiles?.name.test(name)) || otherFileNames().some((n) => n.test(key));
  }

  /** Re-reads a closed file (deleted, unreadable or excluded: it declares nothing). */
  refreshFromDisk(uri: string): Promise<ChangeSet | undefined> {
    const read = this.readFromDisk(uri);
    // Registered at once: a request that arrives while the file is read must find it pending.
    const pending = read.then(
      () => undefined,
      () => undefined,
    );
    this.reads.add(pending);
    void pending.then(() => this.reads.delete(pending));
    return read;
  }

  private async readFromDisk(uri: string): Promise<ChangeSet | undefined> {
    const { model, paths, env, documents } = this.ctx;
    const key = paths.keyOf(uri);
    const readable = key !== uri && this.indexable(key) && this.isShared(uri);
    const text = readable ? await readLimited(key, defaultMaxIndexedFileSize, env.fs) : undefined;
    if (documents.get(uri)) return undefined;
    return text === undefined || !indexedFile(key, text, model.extractorList) ? model.delete(key) : model.set(extractText(key, text, model.extractorList));
  }

  /** Watched-file events for YAML files that are not open; true when the model changed. */
  async filesChanged(changes: readonly FileEvent[]): Promise<boolean> {
    let changed = false;
    for (const change of changes) {
      if (!this.indexable(this.ctx.paths.keyOf(change.uri)) || this.ctx.documents.get(change.uri)) continue;
      // A rename arrives as a deletion and a creation.
      const result = change.type === FileChangeType.Deleted ? this.ctx.model.delete(this.ctx.paths.keyOf(change.uri)) : await this.refreshFromDisk(change.uri);
      changed = !!result || changed;
    }
    return changed;
  }
}
