// Trivy's JSON report (`trivy image --format json`, schema version 2): one artifact, its results by
// target (OS packages, language packages), each with its vulnerabilities.
// https://trivy.dev/latest/docs/configuration/reporting/#json

import { ImageScan, list, object, severityOf, summarise, text, Vulnerability } from './scan-summary';

export function isTrivyReport(json: unknown): boolean {
  const o = object(json);
  return typeof o.SchemaVersion === 'number' && typeof o.ArtifactName === 'string' && (Array.isArray(o.Results) || o.Results === undefined || o.Results === null);
}

export function parseTrivyReport(json: unknown): ImageScan[] {
  if (!isTrivyReport(json)) return [];
  const report = object(json);
  const metadata = object(report.Metadata);
  const vulnerabilities: Vulnerability[] = [];
  for (const result of list(report.Results)) {
    for (const raw of list(object(result).Vulnerabilities)) {
      const v = object(raw);
      const id = text(v.VulnerabilityID);
      if (!id) continue;
      vulnerabilities.push({ id, pkg: text(v.PkgName), installed: text(v.InstalledVersion), fixed: text(v.FixedVersion), severity: severityOf(v.Severity), url: text(v.PrimaryURL) });
    }
  }
  const aliases = [text(metadata.Reference), ...list(metadata.RepoTags).map(text), ...list(metadata.RepoDigests).map(text)];
  return [summarise(text(report.ArtifactName), aliases, 'trivy', text(report.CreatedAt), vulnerabilities)];
}
