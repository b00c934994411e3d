// What kube-harden keeps of a vulnerability scan: per image, the counts by severity and the worst
// few vulnerabilities, whichever scanner (Trivy, Grype) or report format (their JSON, SARIF) they
// came from. Small on purpose: these summaries are workspace facts, signed on every keystroke.

import { parseImage } from './reference';

export const severities = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
export type VulnSeverity = (typeof severities)[number];

export interface Vulnerability {
  id: string;
  pkg: string;
  installed: string;
  /** The versions that fix it, as the scanner words them; '' when no fix is known. */
  fixed: string;
  severity: VulnSeverity;
  /** The advisory; '' when the report names none. */
  url: string;
}

export interface ImageScan {
  /** The image as the report names it (the reference scanned, or the report's artifact). */
  image: string;
  /** The normalised references the scanned image is known by (see referenceKeys). */
  keys: string[];
  scanner: string;
  /** When the scan ran (ISO 8601), when the report says. */
  scannedAt: string;
  counts: Record<VulnSeverity, number>;
  /** The worst vulnerabilities, worst first, at most `worstKept`. */
  worst: Vulnerability[];
}

/** Enough for a hover; the counts cover the rest. */
export const worstKept = 10;

export function severityOf(text: unknown): VulnSeverity {
  const lower = typeof text === 'string' ? text.toLowerCase() : '';
  if (lower === 'negligible') return 'low';
  return (severities as readonly string[]).includes(lower) ? (lower as VulnSeverity) : 'unknown';
}

const rank = (s: VulnSeverity) => severities.indexOf(s);

/** Worst first; among equals, those with a fix first (something to do about them), then by id. */
export function compareVulnerabilities(a: Vulnerability, b: Vulnerability): number {
  return rank(a.severity) - rank(b.severity) || Number(b.fixed !== '') - Number(a.fixed !== '') || a.id.localeCompare(b.id) || a.pkg.localeCompare(b.pkg);
}

/**
 * The normalised forms of a reference: `registry/path:tag` and, with a digest, `registry/path@digest`
 * (`nginx:1.25` and `docker.io/library/nginx:1.25` are one image). No tag and no digest means latest.
 * A file name (a scanned tarball) yields nothing.
 */
export function referenceKeys(reference: string): string[] {
  const text = reference.trim();
  if (text === '' || /\s/.test(text) || /\.(tar|tgz|gz|zip)$/i.test(text) || text.startsWith('/') || text.startsWith('.')) return [];
  const ref = parseImage(text);
  if (!/^[a-z0-9]/.test(ref.path)) return [];
  const repo = `${ref.registry}/${ref.path}`.toLowerCase();
  const keys: string[] = [];
  if (ref.tag !== undefined || ref.digest === undefined) keys.push(`${repo}:${ref.tag ?? 'latest'}`);
  if (ref.digest !== undefined) keys.push(`${repo}@${ref.digest.toLowerCase()}`);
  return keys;
}

/**
 * The keys a manifest's image is looked up by: its digest when it has one (the content it runs,
 * whatever the tag says), else its tag.
 */
export function lookupKey(image: string): string | undefined {
  const keys = referenceKeys(image);
  return keys[keys.length - 1];
}

/** Builds a summary from every vulnerability of a report about one image. */
export function summarise(image: string, aliases: readonly string[], scanner: string, scannedAt: string, all: readonly Vulnerability[]): ImageScan {
  const counts: Record<VulnSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  const seen = new Set<string>();
  const unique: Vulnerability[] = [];
  for (const v of all) {
    // A report may list one finding twice (two layers, two targets); a package counts once.
    const key = `${v.id}\u0000${v.pkg}\u0000${v.installed}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(v);
    counts[v.severity]++;
  }
  const keys = [...new Set([image, ...aliases].flatMap(referenceKeys))];
  return { image, keys, scanner, scannedAt, counts, worst: unique.sort(compareVulnerabilities).slice(0, worstKept) };
}

export const totalOf = (scan: Pick<ImageScan, 'counts'>) => severities.reduce((n, s) => n + scan.counts[s], 0);

/** "3 critical, 12 high, 40 medium": the severities present, worst first. */
export function countsText(scan: Pick<ImageScan, 'counts'>): string {
  return severities
    .filter((s) => scan.counts[s] > 0)
    .map((s) => `${scan.counts[s]} ${s}`)
    .join(', ');
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const object = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
