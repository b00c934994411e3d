// A scanner's report, whatever its format: recognised by its shape, never by its file name.

import { isGrypeReport, parseGrypeReport } from './grype-report';
import { isScannerSarif, parseScannerSarif } from './sarif-report';
import { ImageScan } from './scan-summary';
import { isTrivyReport, parseTrivyReport } from './trivy-report';

export function isScanReport(json: unknown): boolean {
  return isTrivyReport(json) || isGrypeReport(json) || isScannerSarif(json);
}

/** The images of a parsed report; empty for JSON that is no scanner's report. */
export function parseScanReport(json: unknown): ImageScan[] {
  if (isTrivyReport(json)) return parseTrivyReport(json);
  if (isGrypeReport(json)) return parseGrypeReport(json);
  return parseScannerSarif(json);
}

/**
 * A cheap look at a file's text before parsing it: the keys every report format starts with. A
 * `.json` file of the workspace that has none of them is not read.
 */
export function mayBeScanReport(text: string): boolean {
  const head = text.slice(0, 4096);
  return (
    (/"SchemaVersion"\s*:/.test(head) && /"ArtifactName"\s*:/.test(text)) ||
    (/"matches"\s*:/.test(text) && /"source"\s*:/.test(text)) ||
    (/"runs"\s*:/.test(head) && /"name"\s*:\s*"(?:Trivy|Grype)"/i.test(text))
  );
}

/** The images of a report's text; empty when it is no report or not JSON. */
export function scanReportOf(text: string): ImageScan[] {
  if (!mayBeScanReport(text)) return [];
  try {
    return parseScanReport(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  } catch {
    return [];
  }
}
