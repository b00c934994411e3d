// Findings of one rule in one file of a workspace of several files, as the server and the CLI see
// them: every file indexed, the checked file set from its text.

import { check, mergeConfig, PartialConfig } from '../../server/src/engine';
import { rules } from '../../rules';
import { viewOf, workspaceOf } from './workspace';

export interface Seen {
  messageId: string;
  severity: string;
  message: string;
  /** The text the finding covers. */
  text: string;
  /** 1-based line of its start. */
  line: number;
}

export function findingsIn(files: Record<string, string>, file: string, ruleId: string, config: PartialConfig = {}): Seen[] {
  const model = workspaceOf(files);
  const text = files[file];
  const result = check(text, {
    config: mergeConfig(config),
    rules,
    workspace: viewOf(model, file, text),
    onRuleError: (id, e) => {
      throw new Error(`rule ${id} threw: ${String(e)}`);
    },
  });
  return result.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({ messageId: f.messageId, severity: f.severity, message: f.message, text: text.slice(f.offset, f.offset + f.length), line: result.file.lines.position(f.offset).line + 1 }));
}
