// The rule list the client shows: every rule with its effective severity under the configuration,
// and whether it is checked at the configured Pod Security level and Kubernetes version.

import { Config, parseMinor, latestMinor, RuleDefinition, ruleApplies, ruleSeverity } from '../engine';
import { docFile, docsUrl, rules, rulesFor } from '../../../rules';
import { RuleInfo } from './protocol';

export function listRules(config: Config, enabled: boolean): { rules: RuleInfo[] } {
  return {
    rules: rulesFor(config).map((rule) => {
      const setting = config.rules[rule.id];
      const state = enabled && ruleSeverity(rule, config) !== undefined ? levelState(rule, config) : { checked: false };
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
        enabled: state.checked,
        ...(state.note ? { note: state.note } : {}),
      };
    }),
  };
}

/**
 * Whether a rule that is on runs at the configured level and version (a Namespace's labels may set
 * others for its resources), and if not why; a baseline check that restricted replaces is still
 * checked, as part of the restricted rule.
 */
function levelState(rule: RuleDefinition, config: Config): { checked: boolean; note?: string } {
  const pss = rule.meta.pss;
  const target = { level: config.podSecurityLevel, minor: parseMinor(config.kubernetesVersion) ?? latestMinor };
  if (!pss || ruleApplies(rule, target, rules)) return { checked: true };
  const ranks = { privileged: 0, baseline: 1, restricted: 2 };
  if (ranks[target.level] < ranks[pss.level]) return { checked: false, note: `not checked at level ${target.level}` };
  const since = parseMinor(pss.versions[0]) ?? 0;
  if (target.minor < since) return { checked: false, note: `not checked before Kubernetes ${pss.versions[0]}` };
  const replacer = rules.find((r) => r.meta.pss?.overrides?.check === pss.check);
  return { checked: true, note: replacer ? `checked as part of ${replacer.id}` : undefined };
}
