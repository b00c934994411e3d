// Vulnerability scans as workspace facts, one per scanned image: from the scanner reports of the
// workspace (read by shape, whatever their name), and from the scans the server or the CLI ran or
// were given (`--scan-report`), which the edge puts into the model as entries of their own. The
// rule only reads facts: running a scanner is IO, the edge's part.

import { defineFacts, emptyEntry, Fact, FileEntry, ParsedFile, Resource, resourcesOf, workloadOf, WorkspaceView } from '../../server/src/engine';
import { imageOf } from './reference';
import { lookupKey, referenceKeys } from './scan-summary';
import type { ImageScan } from './scan-summary';
import { mayBeScanReport, scanReportOf } from './scan-report';

export interface ScanFact extends Fact, ImageScan {}

/** Where a scan with no file of its own comes from: `kube-harden-scan:<image>`. */
export const scanKeyPrefix = 'kube-harden-scan:';

function factsOf(file: string, scans: readonly ImageScan[]): ScanFact[] {
  // Only a scan that names the image it scanned can match a manifest's `image:`.
  return scans.filter((s) => s.keys.length > 0).map((s) => ({ at: { file, offset: 0, length: 0, line: 0 }, ...s }));
}

export const scanReports = defineFacts<ScanFact>({
  id: 'images.scan',
  kinds: [],
  textFiles: { name: /\.(json|sarif)$/i, mayHold: mayBeScanReport },
  extract: () => [],
  extractText: (file, text) => factsOf(file, scanReportOf(text)),
  namespaceOf: () => '*' as const,
});

/** The model entry of a report read by the edge (`--scan-report FILE`): undefined when it is no report. */
export function reportEntry(file: string, text: string): FileEntry | undefined {
  const facts = factsOf(file, scanReportOf(text));
  if (facts.length === 0) return undefined;
  const entry = emptyEntry(file);
  entry.facts.set(scanReports.id, facts);
  return entry;
}

/** The model entry of a scan the edge ran: keyed by the image, so a new scan replaces the old one. */
export function scanEntry(image: string, scan: ImageScan | undefined): FileEntry {
  const file = `${scanKeyPrefix}${image}`;
  const entry = emptyEntry(file);
  if (scan) entry.facts.set(scanReports.id, factsOf(file, [scan]));
  return entry;
}

/** The scan of an image: the newest of those that name it. */
export function scanOf(view: WorkspaceView, image: string): ScanFact | undefined {
  const key = lookupKey(image);
  if (key === undefined) return undefined;
  let best: ScanFact | undefined;
  for (const fact of view.facts(scanReports)) {
    if (!fact.keys.includes(key)) continue;
    if (!best || fact.scannedAt > best.scannedAt) best = fact;
  }
  return best;
}

/** The literal images of a file's workloads, once each, in order: what a scan of the file scans. */
export function imagesOfFile(file: ParsedFile): string[] {
  return file.skipped ? [] : imagesOf(resourcesOf(file));
}

/** The literal images of these resources' workloads, once each, in order. */
export function imagesOf(resources: readonly Resource[]): string[] {
  const out = new Set<string>();
  for (const resource of resources) {
    for (const c of workloadOf(resource)?.containers() ?? []) {
      const found = imageOf(c);
      if (found && lookupKey(found.image) !== undefined) out.add(found.image);
    }
  }
  return [...out];
}

/**
 * The summary of a scanner's output for the image it scanned: named by that reference (a scanner
 * may call it otherwise), dated by the run when the report is not.
 */
export function scanOfOutput(stdout: string, image: string, at: number): ImageScan | undefined {
  const [scan] = scanReportOf(stdout);
  if (!scan) return undefined;
  return { ...scan, image, keys: [...new Set([...scan.keys, ...referenceKeys(image)])], scannedAt: scan.scannedAt || new Date(at).toISOString() };
}
