// `yaml-syntax`: YAML syntax errors, configured like a rule (a severity, or `off`) through the same
// settings, although it is no security check. Editors that already report syntax errors (Red Hat's
// YAML extension) show them twice otherwise; turning it off hides the diagnostics only, the analysis
// of a broken document stays as cautious as ever.

import type { Config } from './config';
import type { ParseProblem } from './parse';
import type { Severity } from './rule';

export const syntaxRuleId = 'yaml-syntax';

/** What the docs and the generated settings say of it, beside the rule catalog. */
export const syntaxRuleMeta = {
  title: 'YAML syntax errors',
  description: 'A YAML syntax error, reported where it is; the rest of the document is still checked.',
  severity: 'error' as Severity,
};

/** The severity syntax errors are reported at, or undefined when they are turned off. */
export function syntaxSeverity(config: Config): Severity | undefined {
  const setting = config.rules[syntaxRuleId];
  if (setting === 'off') return undefined;
  return setting ?? syntaxRuleMeta.severity;
}

/** The problems to report under a config: syntax errors at their configured severity, or none when off. */
export function reportedProblems(problems: readonly ParseProblem[], config: Config): ParseProblem[] {
  const severity = syntaxSeverity(config);
  const out: ParseProblem[] = [];
  for (const problem of problems) {
    if (problem.code !== 'yaml-syntax') out.push(problem);
    else if (severity !== undefined) out.push({ ...problem, severity });
  }
  return out;
}
