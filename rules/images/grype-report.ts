// Grype's JSON report (`grype <image> -o json`): matches (a vulnerability and the package it was
// found in) and the source scanned, which for an image names what the user typed, its tags and digests.
// https://github.com/anchore/grype#output-formats

import { ImageScan, list, object, severityOf, summarise, text, Vulnerability } from './scan-summary';

export function isGrypeReport(json: unknown): boolean {
  const o = object(json);
  return Array.isArray(o.matches) && o.source !== null && typeof o.source === 'object';
}

/** Grype names an advisory's page in `dataSource`, else in `urls`. */
function advisoryOf(vulnerability: Record<string, unknown>): string {
  const source = text(vulnerability.dataSource);
  if (/^https?:\/\//.test(source)) return source;
  return (
    list(vulnerability.urls)
      .map(text)
      .find((u) => /^https?:\/\//.test(u)) ?? ''
  );
}

export function parseGrypeReport(json: unknown): ImageScan[] {
  if (!isGrypeReport(json)) return [];
  const report = object(json);
  const source = object(report.source);
  const target = object(source.target);
  const vulnerabilities: Vulnerability[] = [];
  for (const raw of list(report.matches)) {
    const match = object(raw);
    const v = object(match.vulnerability);
    const artifact = object(match.artifact);
    const id = text(v.id);
    if (!id) continue;
    const fix = object(v.fix);
    vulnerabilities.push({
      id,
      pkg: text(artifact.name),
      installed: text(artifact.version),
      fixed: list(fix.versions).map(text).filter(Boolean).join(', '),
      severity: severityOf(v.severity),
      url: advisoryOf(v),
    });
  }
  const image = typeof source.target === 'string' ? source.target : text(target.userInput);
  const aliases = [...list(target.tags).map(text), ...list(target.repoDigests).map(text)];
  return [summarise(image, aliases, 'grype', text(object(report.descriptor).timestamp), vulnerabilities)];
}
