// The JSON report: exactly `{findings: [...], errors: [...]}` with 1-based positions, the shape the
// issue fixes for scripts and CI (a finding of rendered output adds `source`). Nothing else goes to stdout in this format.

import { PeerEquivalents } from '../engine';
import { CheckResult } from './run-check';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  category: string;
  severity: string;
  message: string;
  pss: string | null;
  level: 'baseline' | 'restricted' | null;
  resource: { kind: string; name: string; namespace: string | null };
  /** The same check in other scanners (Trivy, Checkov, kube-linter, Polaris, Kubescape), by their ids. */
  equivalents: PeerEquivalents;
  /** The chart template (`# Source:` of `helm template`) or Kustomize origin path the document was rendered from; absent when it names none. */
  source?: string;
  /** The Kustomize overlay whose rendering has the finding, reported on the file that causes it. */
  overlay?: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  errors: Array<{ file: string; message: string }>;
}

export function toJson(result: CheckResult): JsonReport {
  return {
    findings: result.findings.map(({ file, line, column, endLine, endColumn, finding, source, overlay }) => ({
      file,
      line,
      column,
      endLine,
      endColumn,
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      pss: finding.pss?.check ?? null,
      level: finding.pss?.level ?? null,
      resource: { kind: finding.resource.kind, name: finding.resource.name, namespace: finding.resource.namespace },
      equivalents: finding.equivalents,
      ...(source ? { source: source.path } : {}),
      ...(overlay ? { overlay } : {}),
    })),
    errors: result.errors.map(({ file, message }) => ({ file, message })),
  };
}

export function formatJson(result: CheckResult): string {
  return JSON.stringify(toJson(result), null, 2) + '\n';
}
