// SARIF 2.1.0 reports of image scanners (`trivy image --format sarif`, `grype -o sarif`): each run
// is one image; its rules describe the vulnerabilities, its results place them in packages. Only
// runs of a vulnerability scanner count: kube-harden's own SARIF, or a linter's, is no scan.
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html

import { ImageScan, list, object, severityOf, summarise, text, Vulnerability, VulnSeverity } from './scan-summary';

const scanners = /^(trivy|grype)$/i;

function toolOf(run: unknown): string {
  return text(object(object(object(run).tool).driver).name);
}

export function isScannerSarif(json: unknown): boolean {
  const runs = list(object(json).runs);
  return runs.length > 0 && runs.some((run) => scanners.test(toolOf(run)));
}

/** Severity from the rule's tags (Trivy: `CRITICAL`), else from its CVSS score (`security-severity`). */
function ruleSeverity(rule: Record<string, unknown>): VulnSeverity {
  const properties = object(rule.properties);
  for (const tag of list(properties.tags)) {
    const s = severityOf(tag);
    if (s !== 'unknown') return s;
  }
  const score = Number(text(properties['security-severity']));
  if (!Number.isFinite(score) || text(properties['security-severity']) === '') return 'unknown';
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'unknown';
}

/** Trivy writes `Package: …`, `Installed Version: …`, `Fixed Version: …` lines in each result's message. */
function field(message: string, name: string): string {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(message)?.[1]?.trim() ?? '';
}

function scanOfRun(run: Record<string, unknown>): ImageScan {
  const driver = object(object(run.tool).driver);
  const rules = new Map<string, Record<string, unknown>>();
  for (const raw of list(driver.rules)) rules.set(text(object(raw).id), object(raw));
  const vulnerabilities: Vulnerability[] = [];
  for (const raw of list(run.results)) {
    const result = object(raw);
    const rule = rules.get(text(result.ruleId)) ?? {};
    const message = text(object(result.message).text);
    const id = field(message, 'Vulnerability') || text(result.ruleId);
    if (!id) continue;
    const severity = severityOf(field(message, 'Severity'));
    vulnerabilities.push({
      id: id.split(/\s/)[0],
      pkg: field(message, 'Package'),
      installed: field(message, 'Installed Version'),
      fixed: field(message, 'Fixed Version'),
      severity: severity === 'unknown' ? ruleSeverity(rule) : severity,
      url: text(rule.helpUri),
    });
  }
  const properties = object(run.properties);
  const invocation = object(list(run.invocations)[0]);
  const aliases = [...list(properties.repoTags).map(text), ...list(properties.repoDigests).map(text)];
  return summarise(text(properties.imageName), aliases, toolOf(run).toLowerCase(), text(invocation.endTimeUtc) || text(invocation.startTimeUtc), vulnerabilities);
}

export function parseScannerSarif(json: unknown): ImageScan[] {
  if (!isScannerSarif(json)) return [];
  return list(object(json).runs)
    .filter((run) => scanners.test(toolOf(run)))
    .map((run) => scanOfRun(object(run)));
}
