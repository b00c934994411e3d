// The rule list the client shows: every rule with its effective severity under the configuration.

import { Config, ruleSeverity } from '../engine';
import { docFile, docsUrl, rules } from '../../../rules';
import { RuleInfo } from './protocol';

export function listRules(config: Config, enabled: boolean): { rules: RuleInfo[] } {
  return {
    rules: rules.map((rule) => {
      const setting = config.rules[rule.id];
      return {
        id: rule.id,
        title: rule.meta.title,
        description: rule.meta.description,
        category: rule.meta.category,
        severity: setting && setting !== 'off' ? setting : rule.meta.severity,
        level: rule.meta.pss?.level ?? null,
        check: rule.meta.pss?.check ?? null,
        fix: rule.meta.fix,
        docsUrl: docsUrl(rule.id),
        docFile: docFile(rule.id),
        enabled: enabled && ruleSeverity(rule, config) !== undefined,
      };
    }),
  };
}
