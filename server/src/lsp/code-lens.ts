// The code lens above each workload with Pod Security findings: "Harden this workload · N Pod
// Security findings", running the server's harden command at that workload (any client); the VS Code
// client turns it into its own command, which shows the change as a diff first.

import { CodeLens } from 'vscode-languageserver';
import { toRange } from './convert';
import { hardenTargets, hardenTitle } from './harden-places';
import { commands } from './protocol';
import { Snapshot } from './snapshot';

export function codeLenses(snapshot: Snapshot): CodeLens[] {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes || !snapshot.status.checked) return [];
  const lines = analysis.file.lines;
  const out: CodeLens[] = [];
  for (const { resource, findings } of hardenTargets(analysis, true)) {
    const start = resource.root.range![0];
    const position = lines.position(start);
    const count = `${findings.length} Pod Security finding${findings.length === 1 ? '' : 's'}`;
    out.push({
      range: toRange(lines, start, 0),
      command: { title: `${hardenTitle} · ${count}`, command: commands.harden, arguments: [snapshot.uri, position] },
    });
  }
  return out;
}
