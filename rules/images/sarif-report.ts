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

/** The advisory's id in a rule id that adds more to it: Trivy's template `[HIGH] CVE-…`, Grype's `CVE-…-<package>`. */
function advisoryId(id: string): string {
  return /\b(CVE-\d{4}-\d+|GHSA(?:-[a-z0-9]{4}){3}|[A-Z]+-\d{4}-\d+)/i.exec(id)?.[1] ?? id.trim();
}

/**
 * The image a run scanned: Trivy names it in the run's properties; Grype only in each location's
 * logical name, `<image>@<digest>:<path>`.
 */
function imageOfRun(run: Record<string, unknown>): { image: string; aliases: string[] } {
  const properties = object(run.properties);
  const aliases = [...list(properties.repoTags).map(text), ...list(properties.repoDigests).map(text)];
  if (text(properties.imageName)) return { image: text(properties.imageName), aliases };
  const location = object(list(object(list(run.results)[0]).locations)[0]);
  const name = text(object(list(location.logicalLocations)[0]).fullyQualifiedName);
  const at = name.indexOf('@');
  if (at <= 0) return { image: '', aliases };
  const rest = name.slice(at + 1);
  const digest = rest.slice(0, Math.max(0, rest.lastIndexOf(':/')));
  return { image: name.slice(0, at), aliases: /^sha256:[a-f0-9]{64}$/.test(digest) ? [...aliases, `${name.slice(0, at)}@${digest}`] : aliases };
}

function scanOfRun(run: Record<string, unknown>): ImageScan {
  const driver = object(object(run.tool).driver);
  const rules = new Map<string, Record<string, unknown>>();
  for (const raw of list(driver.rules)) rules.set(text(object(raw).id), object(raw));
  const vulnerabilities: Vulnerability[] = [];
  for (const raw of list(run.results)) {
    const result = object(raw);
    const rule = rules.get(text(result.ruleId)) ?? {};
    // Trivy words each result's message; Grype its rule's help text.
    const words = `${text(object(result.message).text)}\n${text(object(rule.help).text)}`;
    const id = advisoryId(field(words, 'Vulnerability') || text(result.ruleId));
    if (!id) continue;
    const severity = severityOf(field(words, 'Severity'));
    const link = field(words, 'Link').replace(/^\[[^\]]*\]\((.*)\)$/, '$1');
    const helpUri = text(rule.helpUri) === text(driver.informationUri) ? '' : text(rule.helpUri);
    vulnerabilities.push({
      id,
      pkg: field(words, 'Package'),
      installed: field(words, 'Installed Version') || field(words, 'Version'),
      fixed: field(words, 'Fixed Version') || field(words, 'Fix Version'),
      severity: severity === 'unknown' ? ruleSeverity(rule) : severity,
      url: helpUri || (/^https?:\/\//.test(link) ? link : ''),
    });
  }
  const invocation = object(list(run.invocations)[0]);
  const { image, aliases } = imageOfRun(run);
  return summarise(image, aliases, toolOf(run).toLowerCase(), text(invocation.endTimeUtc) || text(invocation.startTimeUtc), vulnerabilities);
}

export function parseScannerSarif(json: unknown): ImageScan[] {
  if (!isScannerSarif(json)) return [];
  return list(object(json).runs)
    .filter((run) => scanners.test(toolOf(run)))
    .map((run) => scanOfRun(object(run)));
}
