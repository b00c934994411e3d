// What the client shows for the server's answers: status bar text and tooltip, the message after
// "Harden", the rule picker's items. Pure functions of protocol data (no `vscode` import), so the
// wording is unit-tested without an editor.

import type { CannotFix, HardenResult, RuleInfo, StatusParams } from './protocol';

export interface StatusPresentation {
  text: string;
  tooltip: string;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function statusPresentation(status: StatusParams | undefined): StatusPresentation {
  if (!status) return { text: '$(shield) kube-harden', tooltip: 'kube-harden: waiting for the language server to check this file' };
  const target = `${status.level} ${status.kubernetesVersion}`;
  if (!status.checked) {
    return { text: '$(circle-slash) kube-harden', tooltip: 'kube-harden: no Kubernetes resource in this file, nothing to check' };
  }
  const header = `kube-harden: Pod Security level ${status.level}, Kubernetes ${status.kubernetesVersion}`;
  if (status.total === 0) {
    return { text: `$(pass) ${target}`, tooltip: `${header}\nNo findings.` };
  }
  const counts = [plural(status.errors, 'error'), plural(status.warnings, 'warning'), plural(status.infos, 'info')].join(', ');
  return {
    text: `$(shield) ${target} · ${status.total}`,
    tooltip: `${header}\n${plural(status.total, 'finding')}: ${counts}\nClick to open the Problems view.`,
  };
}

/** The rule ids a Harden left in place, each once, in the order the server reported them. */
export function ruleIdsLeftInPlace(cannotFix: readonly CannotFix[]): string[] {
  return [...new Set(cannotFix.map((c) => c.ruleId))];
}

export interface Outcome {
  severity: 'information' | 'warning';
  text: string;
}

/** The message shown after Harden: a warning when something restricted forbids had to stay. */
export function hardenOutcome(result: HardenResult): Outcome {
  const base = result.message.trim() || (result.edit ? 'Hardened.' : 'Already passes the restricted level: nothing to change.');
  const left = ruleIdsLeftInPlace(result.cannotFix ?? []);
  if (left.length === 0) return { severity: 'information', text: base };
  // The server's message may already name them; say it once, not twice.
  const named = left.every((id) => base.includes(id));
  return { severity: 'warning', text: named ? base : `${base} Left in place (no safe fix): ${left.join(', ')}.` };
}

export interface RuleItem {
  label: string;
  description: string;
  detail: string;
  docsUrl: string;
  docFile: string;
}

const fixWords: Record<string, string> = { safe: 'safe fix', suggestion: 'suggested fix', none: 'no automatic fix' };

export function ruleItem(rule: RuleInfo): RuleItem {
  const parts = [
    rule.level ? `${rule.level} level` : rule.category,
    rule.check ? `check ${rule.check}` : undefined,
    fixWords[rule.fix] ?? `fix: ${rule.fix}`,
    rule.enabled ? `enabled (${rule.severity})` : 'off',
  ];
  return { label: rule.id, description: rule.title, detail: parts.filter(Boolean).join(' · '), docsUrl: rule.docsUrl, docFile: rule.docFile };
}
