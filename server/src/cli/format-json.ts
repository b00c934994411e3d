// The JSON report: exactly `{findings: [...], errors: [...]}` with 1-based positions, the shape the
// issue fixes for scripts and CI (a finding of rendered output adds `source`). Nothing else goes to stdout in this format.

import { complianceIds, equivalentIds } from '../engine';
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
  /**
   * The same check in other scanners, by their ids: Trivy `KSV-NNNN`, Checkov `CKV_K8S_N`,
   * `kube-linter:<check>`, `polaris:<check>`, Kubescape `C-NNNN`.
   */
  equivalents: string[];
  /** CIS Kubernetes Benchmark 1.9.0 (`CIS 5.2.2`) and NSA/CISA guide 1.2 (`NSA-CISA <section>`) references. */
  compliance: string[];
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
      equivalents: equivalentIds(finding.equivalents),
      compliance: complianceIds(finding.compliance),
      ...(source ? { source: source.path } : {}),
      ...(overlay ? { overlay } : {}),
    })),
    errors: result.errors.map(({ file, message }) => ({ file, message })),
  };
}

export function formatJson(result: CheckResult): string {
  return JSON.stringify(toJson(result), null, 2) + '\n';
}
