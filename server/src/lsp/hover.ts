// Hover: the findings under the cursor in one compact list (hover-findings.ts), and, in rendered
// output, the template they came from; and what the rule families add about the resource (the network
// policies that select a workload).

import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { DefinitionContext, factsOfResource, HoverContext, SourceRef } from '../engine';
import { hovers, renderedSources } from '../../../rules';
import { FileAnalysis } from './analysis';
import { toRange } from './convert';
import { findingsMarkdown } from './hover-findings';
import { Snapshot } from './snapshot';

export function hover(snapshot: Snapshot, position: Position, fileUri: (path: string) => string = (p) => p): Hover | null {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return null;
  const offset = analysis.file.lines.offset(position);
  const hits = analysis.findings.filter((f) => offset >= f.offset && offset <= f.offset + f.length);
  const family = familySections(analysis, offset, fileUri);
  if (hits.length === 0 && family.length === 0) return null;
  const sections = hits.length > 0 ? [findingsMarkdown(hits, renderedSources(analysis.file))] : [];
  sections.push(...family.map((s) => s.markdown));
  const lines = analysis.file.lines;
  const range = hits.length > 0 ? toRange(lines, hits[0].offset, hits[0].length) : toRange(lines, family[0].offset, family[0].length);
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}

/** What the families' hover providers say about the resource under the cursor. */
function familySections(analysis: FileAnalysis, offset: number, fileUri: (path: string) => string): Array<{ markdown: string; offset: number; length: number }> {
  const base = familyContext(analysis, offset);
  if (!base) return [];
  const { workspace } = base;
  const link = (at: SourceRef) => (at.file === workspace.file ? `this file, line ${at.line + 1}` : `[${at.file.split(/[\\/]/).pop()}:${at.line + 1}](${fileUri(at.file)}#L${at.line + 1})`);
  const ctx: HoverContext = { ...base, link };
  const out: Array<{ markdown: string; offset: number; length: number }> = [];
  for (const provider of hovers) {
    const section = provider.hover(ctx, offset);
    if (!section?.node.range) continue;
    const [start, end] = section.node.range;
    out.push({ markdown: section.markdown, offset: start, length: end - start });
  }
  return out;
}

/** What the families read about the resource under the cursor: the resource and the workspace. */
export function familyContext(analysis: FileAnalysis, offset: number): DefinitionContext | undefined {
  const workspace = analysis.workspace;
  if (!workspace) return undefined;
  const resource = analysis.resources.find((r) => r.root.range && offset >= r.root.range[0] && offset <= r.root.range[2]);
  if (!resource) return undefined;
  return { file: analysis.file, resource, workspace, facts: (extractor) => factsOfResource(extractor, resource, workspace.file, analysis.file.lines) };
}
