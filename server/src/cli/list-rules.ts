// `kube-harden rules`: the catalog at a glance (id, level, check, fix kind, title), or as JSON.

import { complianceIds, equivalentIds, RuleDefinition } from '../engine';

export function formatRules(rules: readonly RuleDefinition[], format: 'text' | 'json', docsUrl: (id: string) => string): string {
  const rows = rules.map((rule) => ({
    id: rule.id,
    level: rule.meta.pss?.level ?? '-',
    check: rule.meta.pss?.check ?? '-',
    fix: rule.meta.fix,
    // Rules off by default show `off`; a setting gives them a severity.
    severity: rule.meta.enabledByDefault === false ? 'off' : rule.meta.severity,
    title: rule.meta.title,
  }));
  if (format === 'json') {
    return (
      JSON.stringify(
        rows.map((row, i) => ({
          ...row,
          level: rules[i].meta.pss?.level ?? null,
          check: rules[i].meta.pss?.check ?? null,
          docs: docsUrl(row.id),
          equivalents: equivalentIds(rules[i].meta.equivalents),
          compliance: complianceIds(rules[i].meta.compliance),
        })),
        null,
        2,
      ) + '\n'
    );
  }
  const header = { id: 'RULE', level: 'LEVEL', check: 'PSS CHECK', fix: 'FIX', severity: 'SEVERITY', title: 'TITLE' };
  const all = [header, ...rows];
  const width = (key: keyof typeof header) => Math.max(...all.map((r) => r[key].length));
  const columns: Array<keyof typeof header> = ['id', 'level', 'check', 'fix'];
  const widths = columns.map(width);
  const line = (r: typeof header) => [...columns.map((c, i) => r[c].padEnd(widths[i])), r.title].join('  ');
  return all.map(line).join('\n') + `\n\n${rules.length} rules. Documentation: ${docsUrl('<rule-id>')}\n`;
}
