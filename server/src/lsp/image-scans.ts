// "Scan images in this file": the document's images scanned with the user's Trivy or Grype, one
// after the other, with work-done progress that the user can cancel; each result goes into the
// workspace model as the facts the image-vulnerabilities rule reads, and the open documents are
// diagnosed again. Results are cached per image (memory and ~/.cache/kube-harden/scans, shared with
// the CLI) for `imageScan.cacheMinutes`.

import { CancellationToken, ErrorCodes, ResponseError, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { mergeConfig, Resource } from '../engine';
import { defaultScanCacheDir, findScanner, noScannerMessage, ScanCache, scanDefaults, scanImages, workspaceScannerChoice } from '../io';
import { ImageScan, imagesOf, scanEntry, scanOfOutput } from '../../../rules';
import { ServerContext } from './context';
import { ScanImagesResult } from './protocol';
import { settingsToConfig } from './settings';

const title = 'kube-harden: scanning images';

export class ImageScans {
  private readonly cache = new ScanCache<ImageScan>(defaultScanCacheDir(), scanDefaults.cacheMinutes * 60_000);
  /** The scan running: a new one cancels it (its results so far are kept). */
  private running: AbortController | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly revalidate: () => void,
    /** The resources of the document's current analysis: parsing it again would double the cost of opening a large file. */
    private readonly resourcesOf: (uri: string) => Promise<readonly Resource[]>,
  ) {}

  /** The `kubeHarden/scanImages` request: progress to the client's token, cancelled with the request. */
  request(uri: unknown, progress: WorkDoneProgressReporter, token: CancellationToken): Promise<ScanImagesResult> {
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kubeHarden/scanImages needs textDocument.uri');
    return this.scan(uri, progress, token);
  }

  /** The `kubeHarden.server.scanImages` command (other editors): the server's own progress, and a message at the end. */
  async command(uri: unknown): Promise<ScanImagesResult> {
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kubeHarden.server.scanImages needs a document URI');
    const progress = this.ctx.client.capabilities.window?.workDoneProgress ? await this.ctx.connection.window.createWorkDoneProgress() : undefined;
    const result = await this.scan(uri, progress ?? this.ctx.connection.window.attachWorkDoneProgress(undefined), progress?.token ?? CancellationToken.None);
    this.ctx.showInfo(result.message);
    return result;
  }

  /**
   * An opened document: the fresh cached scans of its images (an earlier session's, the CLI's) are
   * shown at once, without running a scanner.
   */
  async opened(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc || !/\bimage\s*:/.test(doc.getText())) return;
    const [settings, folder] = await Promise.all([this.ctx.settings.get(uri), this.ctx.configs.forDocument(uri)]);
    this.cache.ttlMs = (mergeConfig(settingsToConfig(settings), folder.config).imageScan?.cacheMinutes ?? scanDefaults.cacheMinutes) * 60_000;
    let changed = false;
    for (const image of imagesOf(await this.resourcesOf(uri))) {
      if (this.ctx.model.has(scanEntry(image, undefined).file)) continue;
      const hit = (await this.cache.get('trivy', image)) ?? (await this.cache.get('grype', image));
      if (hit) changed = !!this.ctx.model.set(scanEntry(image, hit.value)) || changed;
    }
    if (changed) this.revalidate();
  }

  private async scan(uri: string, progress: WorkDoneProgressReporter, token: CancellationToken): Promise<ScanImagesResult> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open`);
    const images = imagesOf(await this.resourcesOf(uri));
    const [settings, folder] = await Promise.all([this.ctx.settings.get(uri), this.ctx.configs.forDocument(uri)]);
    const options = mergeConfig(settingsToConfig(settings), folder.config).imageScan ?? {};
    // A path comes only from the machine-scoped setting; the folder's file may name a scanner.
    const scanner = await findScanner(settings.imageScan?.scanner ?? workspaceScannerChoice(folder.config.imageScan?.scanner));
    const result: ScanImagesResult = { scanner: scanner?.name ?? null, scanned: [], cached: [], failed: [], cancelled: false, message: '' };
    if (!scanner) return { ...result, message: `kube-harden: ${noScannerMessage}.` };
    if (images.length === 0) return { ...result, message: 'kube-harden: no image to scan in this file.' };

    this.running?.abort();
    const controller = (this.running = new AbortController());
    const listener = token.onCancellationRequested(() => controller.abort());
    this.cache.ttlMs = (options.cacheMinutes ?? scanDefaults.cacheMinutes) * 60_000;
    progress.begin(title, 0, `${images.length} image(s) with ${scanner.name}`, true);
    try {
      const results = await scanImages(images, {
        scanner,
        cache: this.cache,
        parse: scanOfOutput,
        timeoutMs: (options.timeoutSeconds ?? scanDefaults.timeoutSeconds) * 1000,
        signal: controller.signal,
        onProgress: (done, total, image) => progress.report(Math.round((done / total) * 100), `${image} (${done + 1}/${total})`),
      });
      let changed = false;
      for (const r of results) {
        if (r.value) changed = !!this.ctx.model.set(scanEntry(r.image, r.value)) || changed;
        if (r.value) (r.cached ? result.cached : result.scanned).push(r.image);
        else result.failed.push({ image: r.image, reason: r.error ?? 'not scanned' });
      }
      if (changed) this.revalidate();
      result.cancelled = controller.signal.aborted;
      result.message = summary(result, images.length);
      for (const f of result.failed) this.ctx.log(`Scanning ${f.image}: ${f.reason}`);
      return result;
    } finally {
      listener.dispose();
      if (this.running === controller) this.running = undefined;
      progress.done();
    }
  }
}

function summary(result: ScanImagesResult, total: number): string {
  const parts = [`${result.scanned.length + result.cached.length} of ${total} image(s) scanned with ${result.scanner}`];
  if (result.cached.length) parts.push(`${result.cached.length} from the cache`);
  if (result.failed.length) parts.push(`${result.failed.length} failed (${result.failed.map((f) => f.reason).join('; ')})`);
  return `kube-harden: ${parts.join(', ')}${result.cancelled ? '; cancelled' : ''}.`;
}
