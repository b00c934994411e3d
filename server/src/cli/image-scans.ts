// `--scan-images` and `--scan-report`: vulnerability scans put into the workspace model before any
// file is linted, as the facts the image-vulnerabilities rule reads. Reports are read as given;
// images are scanned with the user's Trivy or Grype, one after the other, each result cached per
// image reference so that the next run (or the editor) does not scan again.

import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { parseManifest, WorkspaceModel } from '../engine';
import { defaultScanCacheDir, findScanner, noScannerMessage, ScanCache, scanDefaults, scanImages, workspaceScannerChoice } from '../io';
import { ImageScan, imagesOfFile, reportEntry, scanEntry, scanOfOutput, scanReports } from '../../../rules';
import type { CheckResult, Loaded } from './run-check';
import { describeIoError } from './files';

export interface ScanRequest {
  images: boolean;
  /** Report files, as given (relative to the working directory). */
  reports: readonly string[];
  /** `imageScan` of the configuration. */
  scanner?: string;
  cacheMinutes?: number;
  timeoutSeconds?: number;
  /** Progress of the scans, as they run (stderr). */
  progress?: (text: string) => void;
}

async function importReports(model: WorkspaceModel, request: ScanRequest, cwd: string, result: CheckResult): Promise<void> {
  for (const path of request.reports) {
    const absolute = resolve(cwd, path);
    let text: string;
    try {
      text = await fs.readFile(absolute, 'utf8');
    } catch (error) {
      result.errors.push({ file: path, message: describeIoError(error), kind: 'io' });
      continue;
    }
    const entry = reportEntry(absolute, text);
    if (entry) model.set(entry);
    // A report that is none (a typo, another tool's file) must not pass as "no vulnerabilities".
    else result.errors.push({ file: path, message: 'not a Trivy JSON, Grype JSON or SARIF report of an image scan', kind: 'io' });
  }
}

function imagesOf(loaded: readonly Loaded[]): string[] {
  const out = new Set<string>();
  for (const entry of loaded) for (const image of imagesOfFile(entry.parsed ?? parseManifest(entry.text))) out.add(image);
  return [...out];
}

export async function attachScans(model: WorkspaceModel, loaded: readonly Loaded[], request: ScanRequest, cwd: string, result: CheckResult): Promise<void> {
  await importReports(model, request, cwd, result);
  if (!request.images) return;
  const scanner = await findScanner(workspaceScannerChoice(request.scanner));
  if (!scanner) {
    const reports = model.keys().filter((key) => (model.get(key)?.facts.get(scanReports.id)?.length ?? 0) > 0).length;
    result.notes.push(reports > 0 ? `${noScannerMessage}; the images are matched against the ${reports} report(s) only.` : `${noScannerMessage} with --scan-report FILE.`);
    return;
  }
  const images = imagesOf(loaded);
  const cache = new ScanCache<ImageScan>(defaultScanCacheDir(), (request.cacheMinutes ?? scanDefaults.cacheMinutes) * 60_000);
  const results = await scanImages(images, {
    scanner,
    cache,
    parse: scanOfOutput,
    timeoutMs: (request.timeoutSeconds ?? scanDefaults.timeoutSeconds) * 1000,
    onProgress: (done, total, image) => request.progress?.(`scanning ${image} with ${scanner.name} (${done + 1}/${total})`),
  });
  for (const r of results) {
    if (r.value) model.set(scanEntry(r.image, r.value));
    else result.notes.push(`${r.image}: not scanned: ${r.error}`);
  }
}
