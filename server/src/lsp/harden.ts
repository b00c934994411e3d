// "Harden this workload" over LSP: the engine's harden on a snapshot, as a WorkspaceEdit with a
// change annotation and a one-line message of what was done and what was left in place.

import { errorMessage, Finding, harden, LineIndex } from '../engine';
import { rulesFor } from '../../../rules';
import { toRange } from './convert';
import { hardenFileTitle, hardenTitle } from './harden-places';
import { CannotFix, HardenResult } from './protocol';
import { Snapshot } from './snapshot';
import { EditCapabilities, workspaceEdit } from './workspace-edit';

export function hardenSnapshot(snapshot: Snapshot, offset: number | undefined, caps: EditCapabilities, log: (message: string) => void): HardenResult {
  let result;
  try {
    result = harden(snapshot.text, { config: snapshot.config, rules: rulesFor(snapshot.config), workspace: snapshot.analysis?.workspace, offset, file: snapshot.analysis?.file });
  } catch (error) {
    log(`Harden failed on ${snapshot.uri}: ${errorMessage(error)}`);
    return { edit: null, workloads: [], cannotFix: [], message: 'Harden failed; see the kube-harden output for details.' };
  }
  const after = new LineIndex(result.text);
  const cannotFix: CannotFix[] = result.cannotFix.map((f) => ({ ruleId: f.ruleId, message: f.message, range: toRange(after, f.offset, f.length) }));
  const names = result.workloads.join(', ');
  const edit =
    result.edits.length > 0
      ? workspaceEdit(snapshot, result.edits, caps, {
          label: offset === undefined ? hardenFileTitle : hardenTitle,
          description: `Make ${names || 'the workload'} pass the restricted Pod Security Standard`,
        })
      : null;
  // Harden fixes Pod Security findings only: the workloads' other findings (network, secrets) stay.
  const hardened = new Set(result.workloads);
  const others = (snapshot.analysis?.findings ?? []).filter((f) => !f.pss && hardened.has(`${f.resource.kind}/${f.resource.name}`));
  return { edit, workloads: result.workloads, cannotFix, message: hardenMessage(result.workloads, result.edits.length > 0, cannotFix, others) };
}

function hardenMessage(workloads: string[], changed: boolean, cannotFix: CannotFix[], others: readonly Finding[]): string {
  if (workloads.length === 0) return 'No workload to harden here.';
  const names = workloads.length <= 3 ? workloads.join(', ') : `${workloads.slice(0, 3).join(', ')} and ${workloads.length - 3} more`;
  const head = changed ? `Hardened ${names} for the restricted level` : cannotFix.length === 0 ? `${names} already passes the restricted level` : `No safe fix applies to ${names}`;
  const ids = [...new Set(others.map((f) => f.ruleId))];
  const rest = others.length === 0 ? '' : `; ${others.length === 1 ? '1 other finding remains' : `${others.length} other findings remain`}, which Harden does not address (${ids.join(', ')})`;
  if (cannotFix.length === 0) return others.length === 0 ? `${head}; nothing left to fix.` : `${head}${rest}.`;
  const left = cannotFix.slice(0, 3).map((c) => `${c.message} (${c.ruleId})`);
  const more = cannotFix.length > 3 ? ` and ${cannotFix.length - 3} more` : '';
  return `${head}; left in place: ${left.join('; ')}${more}${rest}.`;
}
