// Where "Harden this workload" is offered: the workloads that still have something to harden, and,
// inside one, the lines where a person would look for it — a line with one of its Pod Security
// findings, its `kind` line and its `metadata.name` line — instead of every line of the workload.

import { Finding, nodeAt, Resource, workloadOf } from '../engine';
import { FileAnalysis } from './analysis';

export const hardenTitle = 'Harden this workload';
export const hardenFileTitle = 'Harden all workloads in this file';

export interface HardenTarget {
  resource: Resource;
  /** The workload's Pod Security findings, the ones Harden addresses. */
  findings: Finding[];
}

/** Every workload of the file with what Harden would address; `restricted`: the level in force is restricted. */
export function hardenTargets(analysis: FileAnalysis, restricted: boolean): HardenTarget[] {
  const out: HardenTarget[] = [];
  for (const resource of analysis.resources) {
    const range = resource.root.range;
    if (!range || !workloadOf(resource)) continue;
    const findings = analysis.findings.filter((f) => f.pss && f.documentIndex === resource.document.index && f.offset >= range[0] && f.offset <= range[2]);
    // Below restricted, Harden still raises the workload to restricted, findings or not.
    if (findings.length > 0 || !restricted) out.push({ resource, findings });
  }
  return out;
}

/** The target whose workload offers Harden on the lines `startLine`–`endLine` (0-based), if any. */
export function hardenTargetAt(analysis: FileAnalysis, restricted: boolean, startLine: number, endLine: number): HardenTarget | undefined {
  const lines = analysis.file.lines;
  const lineOf = (offset: number) => lines.position(offset).line;
  const within = (offset: number | undefined) => offset !== undefined && lineOf(offset) >= startLine && lineOf(offset) <= endLine;
  return hardenTargets(analysis, restricted).find(({ resource, findings }) => {
    const kind = nodeAt(resource.doc, resource.root, ['kind'])?.range?.[0];
    const name = nodeAt(resource.doc, resource.root, ['metadata', 'name'])?.range?.[0];
    return within(kind) || within(name) || findings.some((f) => within(f.offset));
  });
}
