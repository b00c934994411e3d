// Hover: the findings under the cursor, each with its rule, hint, fix, documentation and, in rendered
// output, the template it came from; and what the rule families add about the resource (the network
// policies that select a workload).

import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { equivalentsText, factsOfResource, HoverContext, SourceRef } from '../engine';
import { docsUrl, hovers, renderedSources, rulesById } from '../../../rules';
import { FileAnalysis } from './analysis';
import { complianceHoverLine } from './hover-compliance';
import { toRange } from './convert';
import { Snapshot } from './snapshot';

export function hover(snapshot: Snapshot, position: Position, fileUri: (path: string) => string = (p) => p): Hover | null {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return null;
  const offset = analysis.file.lines.offset(position);
  const hits = analysis.findings.filter((f) => offset >= f.offset && offset <= f.offset + f.length);
  const family = familySections(analysis, offset, fileUri);
  if (hits.length === 0 && family.length === 0) return null;
  const sourceOf = renderedSources(analysis.file);
  const sections = hits.map((f) => {
    const meta = rulesById.get(f.ruleId)?.meta;
    const lines = [`**${meta?.title ?? f.ruleId}** \`${f.ruleId}\``, '', f.message];
    // In a rendering (helm template, kustomize build) the fix belongs in the file it came from.
    const source = sourceOf(f);
    if (source) lines.push('', `Rendered from ${codeSpan(source.path)}`);
    if (f.pss) lines.push('', `Pod Security Standards: level \`${f.pss.level}\`, check \`${f.pss.check}\``);
    if (meta?.hint) lines.push('', meta.hint);
    const peers = equivalentsText(f.equivalents);
    if (peers) lines.push('', `Same check elsewhere: ${peers}`);
    const compliance = complianceHoverLine(f);
    if (compliance) lines.push('', compliance);
    if (f.fix) lines.push('', `Fix available: ${f.fix.title}`);
    else if (f.suggestions.length > 0) lines.push('', `Fix available: ${f.suggestions.length === 1 ? 'one suggestion' : `${f.suggestions.length} suggestions`} (review before applying)`);
    lines.push('', `[Documentation](${docsUrl(f.ruleId)})`);
    return lines.join('\n');
  });
  sections.push(...family.map((s) => s.markdown));
  const lines = analysis.file.lines;
  const range = hits.length > 0 ? toRange(lines, hits[0].offset, hits[0].length) : toRange(lines, family[0].offset, family[0].length);
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}

/** What the families' hover providers say about the resource under the cursor. */
function familySections(analysis: FileAnalysis, offset: number, fileUri: (path: string) => string): Array<{ markdown: string; offset: number; length: number }> {
  const workspace = analysis.workspace;
  if (!workspace) return [];
  const resource = analysis.resources.find((r) => r.root.range && offset >= r.root.range[0] && offset <= r.root.range[2]);
  if (!resource) return [];
  const link = (at: SourceRef) => (at.file === workspace.file ? `this file, line ${at.line + 1}` : `[${at.file.split(/[\\/]/).pop()}:${at.line + 1}](${fileUri(at.file)}#L${at.line + 1})`);
  const ctx: HoverContext = { file: analysis.file, resource, workspace, facts: (extractor) => factsOfResource(extractor, resource, workspace.file, analysis.file.lines), link };
  const out: Array<{ markdown: string; offset: number; length: number }> = [];
  for (const provider of hovers) {
    const section = provider.hover(ctx, offset);
    if (!section?.node.range) continue;
    const [start, end] = section.node.range;
    out.push({ markdown: section.markdown, offset: start, length: end - start });
  }
  return out;
}

/** Markdown inline code that holds any backticks of `text`. */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length)) + 1);
  return fence.length > 1 ? `${fence} ${text} ${fence}` : `\`${text}\``;
}
