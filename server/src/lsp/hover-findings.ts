// The findings part of the hover: every finding under the cursor in one compact list, one line each
// (rule, level, the fixes by name). The editor already shows each diagnostic's message beside the
// hover, so the message is not repeated here; four stacked findings fit without scrolling.

import { equivalentsText, Finding } from '../engine';
import { docsUrl, RenderSource, rulesById } from '../../../rules';
import { complianceHoverLine } from './hover-compliance';

/** The Markdown for the findings at one position (at least one). */
export function findingsMarkdown(hits: readonly Finding[], sourceOf: (f: Finding) => RenderSource | undefined): string {
  const lines = hits.map((f) => `- ${findingLine(f)}`);
  const notes = new Set<string>();
  for (const f of hits) {
    // In a rendering (helm template, kustomize build) the fix belongs in the file it came from.
    const source = sourceOf(f);
    if (source) notes.add(`Rendered from ${codeSpan(source.path)}`);
    const hint = rulesById.get(f.ruleId)?.meta.hint;
    if (hint) notes.add(hint);
  }
  // Peers' ids for one finding; for several, each rule's page lists them (the hover stays short).
  const peers = hits.length === 1 ? equivalentsText(hits[0].equivalents) : '';
  if (peers) notes.add(`Same check elsewhere: ${peers}`);
  const compliance = hits.length === 1 ? complianceHoverLine(hits[0]) : undefined;
  if (compliance) notes.add(compliance);
  return [lines.join('\n'), ...notes].join('\n\n');
}

/** `rule-id` (linked to its page) · level or category · the fix or suggestions by name. */
function findingLine(f: Finding): string {
  const parts = [`[${codeSpan(f.ruleId)}](${docsUrl(f.ruleId)})`, f.pss ? `${f.pss.level} \`${f.pss.check}\`` : f.category];
  if (f.fix) parts.push(`fix: ${f.fix.title}`);
  else if (f.suggestions.length > 0) parts.push(`${f.suggestions.length === 1 ? 'suggestion' : 'suggestions'} (review first): ${f.suggestions.map((s) => s.title).join('; ')}`);
  else parts.push('no automatic fix');
  return parts.join(' · ');
}

/** Markdown inline code that holds any backticks of `text`. */
export function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length)) + 1);
  return fence.length > 1 ? `${fence} ${text} ${fence}` : `\`${text}\``;
}
